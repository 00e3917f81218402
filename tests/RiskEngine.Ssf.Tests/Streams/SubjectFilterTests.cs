using RiskEngine.Caep.Subjects;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Tests.Streams;

public sealed class SubjectFilterTests
{
    private static readonly EmailSubject Alice = new("alice@example.com");
    private static readonly EmailSubject Bob = new("bob@example.com");
    private static readonly OpaqueSubject Session = new("session-1");

    private static SubjectFilter Filter(DefaultSubjects defaults, params (SubjectIdentifier Subject, bool Included)[] subjects) =>
        new(defaults, subjects.Select(subject => new StreamSubject("s1", SubjectFilter.Canonical(subject.Subject), subject.Included)));

    [Fact]
    public void All_carries_every_subject_but_the_removed_including_complex_ones_naming_them()
    {
        var filter = Filter(DefaultSubjects.All, (Alice, false));

        Assert.False(filter.Matches(Alice));
        Assert.False(filter.Matches(new ComplexSubject(Alice, Session)));
        Assert.True(filter.Matches(new ComplexSubject(Bob, Session)));
        Assert.True(filter.Matches(null));
    }

    [Fact]
    public void None_carries_only_the_added_and_a_removal_wins()
    {
        var filter = Filter(DefaultSubjects.None, (Alice, true), (new ComplexSubject(Alice, Session), false));

        Assert.True(filter.Matches(new ComplexSubject(Alice)));
        Assert.False(filter.Matches(new ComplexSubject(Alice, Session)));
        Assert.False(filter.Matches(Bob));
        Assert.False(filter.Matches(null));
    }

    [Fact]
    public void A_complex_filter_matches_complex_subjects_agreeing_with_its_members()
    {
        var filter = Filter(DefaultSubjects.None, (new ComplexSubject(user: null, session: Session), true));

        Assert.True(filter.Matches(new ComplexSubject(Bob, Session)));
        Assert.False(filter.Matches(new ComplexSubject(Bob, new OpaqueSubject("session-2"))));
        Assert.False(filter.Matches(Session));
    }
}

using System.Text;
using System.Text.Json;
using RiskEngine.Caep.Subjects;

namespace RiskEngine.Ssf.Streams;

/// <summary>
/// Which subjects a stream carries: <see cref="DefaultSubjects"/> and the subjects its receiver added or removed. An
/// added or removed subject covers a SET whose <c>sub_id</c> is that subject, or a complex <c>sub_id</c> with it as
/// user, session or device, or (when it is complex itself) every complex <c>sub_id</c> agreeing with its members.
/// A removal wins over an addition.
/// </summary>
public sealed class SubjectFilter
{
    private readonly DefaultSubjects _defaults;
    private readonly List<SubjectIdentifier> _added = [];
    private readonly List<SubjectIdentifier> _removed = [];

    public SubjectFilter(DefaultSubjects defaults, IEnumerable<StreamSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        _defaults = defaults;
        foreach (var subject in subjects)
        {
            using var document = JsonDocument.Parse(subject.SubjectJson);
            (subject.Included ? _added : _removed).Add(SubjectIdentifier.Parse(document.RootElement));
        }
    }

    /// <summary>Whether a SET about <paramref name="subject"/> (null: one without a readable <c>sub_id</c>) goes to the stream.</summary>
    public bool Matches(SubjectIdentifier? subject)
    {
        if (subject is null)
        {
            return _defaults == DefaultSubjects.All && _added.Count == 0;
        }

        if (_removed.Exists(removed => Covers(removed, subject)))
        {
            return false;
        }

        return _defaults == DefaultSubjects.All || _added.Exists(added => Covers(added, subject));
    }

    /// <summary>The subject as the store keys it: the identifier written canonically, members in a fixed order.</summary>
    public static string Canonical(SubjectIdentifier subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            subject.Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool Covers(SubjectIdentifier filter, SubjectIdentifier subject)
    {
        if (filter == subject)
        {
            return true;
        }

        if (filter is ComplexSubject complexFilter)
        {
            return subject is ComplexSubject complexSubject
                && (complexFilter.User is null || complexFilter.User == complexSubject.User)
                && (complexFilter.Session is null || complexFilter.Session == complexSubject.Session)
                && (complexFilter.Device is null || complexFilter.Device == complexSubject.Device);
        }

        return subject is ComplexSubject complex && (complex.User == filter || complex.Session == filter || complex.Device == filter);
    }
}

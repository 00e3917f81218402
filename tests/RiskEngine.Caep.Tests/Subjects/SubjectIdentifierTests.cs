using System.Buffers;
using System.Text;
using System.Text.Json;
using RiskEngine.Caep.Subjects;

namespace RiskEngine.Caep.Tests.Subjects;

public class SubjectIdentifierTests
{
    private static string Json(SubjectIdentifier subject)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            subject.Write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static SubjectIdentifier Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return SubjectIdentifier.Parse(document.RootElement);
    }

    public static TheoryData<SubjectIdentifier, string> Subjects => new()
    {
        { new EmailSubject("alice@contoso.example"), """{"format":"email","email":"alice@contoso.example"}""" },
        { new IssSubSubject("https://idp.example", "145234573"), """{"format":"iss_sub","iss":"https://idp.example","sub":"145234573"}""" },
        { new OpaqueSubject("sess-42"), """{"format":"opaque","id":"sess-42"}""" },
        { new UriSubject("spiffe://prod.example/ns/payments/sa/api"), """{"format":"uri","uri":"spiffe://prod.example/ns/payments/sa/api"}""" },
        {
            new ComplexSubject(new EmailSubject("bob@contoso.example"), new OpaqueSubject("s-1"), new IssSubSubject("https://mdm.example", "dev-9")),
            """{"format":"complex","user":{"format":"email","email":"bob@contoso.example"},"session":{"format":"opaque","id":"s-1"},"device":{"format":"iss_sub","iss":"https://mdm.example","sub":"dev-9"}}"""
        },
        { new ComplexSubject(new OpaqueSubject("u-1")), """{"format":"complex","user":{"format":"opaque","id":"u-1"}}""" },
        { new ComplexSubject(user: null, session: new OpaqueSubject("s-2")), """{"format":"complex","session":{"format":"opaque","id":"s-2"}}""" },
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Writes_exactly_the_rfc_9493_json(SubjectIdentifier subject, string expected) => Assert.Equal(expected, Json(subject));

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Parse_reads_back_what_Write_wrote(SubjectIdentifier subject, string json) => Assert.Equal(subject, Parse(json));

    [Fact]
    public void Parse_ignores_members_and_complex_members_it_does_not_know()
    {
        SubjectIdentifier parsed = Parse(
            """{"tenant":{"format":"opaque","id":"t"},"format":"complex","user":{"format":"email","email":"a@b.example","x":1},"application":{"format":"opaque","id":"app"}}""");

        Assert.Equal(new ComplexSubject(new EmailSubject("a@b.example")), parsed);
    }

    [Theory]
    [InlineData("""[]""", "must be a JSON object")]
    [InlineData("""{"email":"a@b.example"}""", "needs a string member 'format'")]
    [InlineData("""{"format":"email"}""", "'email' subject identifier needs a string member 'email'")]
    [InlineData("""{"format":"email","email":""}""", "'email' of a 'email' subject identifier is empty")]
    [InlineData("""{"format":"iss_sub","iss":"https://idp.example"}""", "needs a string member 'sub'")]
    [InlineData("""{"format":"opaque","id":7}""", "needs a string member 'id'")]
    [InlineData("""{"format":"uri","uri":"not a uri"}""", "absolute URI")]
    [InlineData("""{"format":"phone_number","phone_number":"+1"}""", "format 'phone_number' is not supported")]
    [InlineData("""{"format":"complex"}""", "at least one of user, session and device")]
    [InlineData("""{"format":"complex","user":{"format":"complex","user":{"format":"opaque","id":"u"}}}""", "cannot be a member of another")]
    public void Parse_refuses_what_is_not_a_supported_subject_with_a_clear_message(string json, string message)
    {
        FormatException ex = Assert.Throws<FormatException>(() => Parse(json));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_refuse_empty_values_and_nesting()
    {
        Assert.Throws<ArgumentException>(() => new EmailSubject(""));
        Assert.Throws<ArgumentException>(() => new IssSubSubject("https://idp.example", ""));
        Assert.Throws<ArgumentException>(() => new OpaqueSubject(""));
        Assert.Throws<ArgumentException>(() => new UriSubject("relative/path"));
        Assert.Throws<ArgumentException>(() => new ComplexSubject(null));
        Assert.Throws<ArgumentException>(() => new ComplexSubject(new ComplexSubject(new OpaqueSubject("u"))));
    }

    [Theory]
    [InlineData("spiffe://prod.example/ns/payments/sa/api", true)]
    [InlineData("SPIFFE://prod.example/x", true)]
    [InlineData("5f0c9a1e-7d3b-4e5a-9c2f-0a1b2c3d4e5f", false)]
    [InlineData("https://prod.example/x", false)]
    public void Spiffe_ids_are_recognised_by_their_scheme(string identityId, bool expected) =>
        Assert.Equal(expected, UriSubject.IsSpiffeId(identityId));
}

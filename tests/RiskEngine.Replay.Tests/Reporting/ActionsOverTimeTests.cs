using System.Text;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Replay.Reporting;

namespace RiskEngine.Replay.Tests.Reporting;

public sealed class ActionsOverTimeTests
{
    [Fact]
    public void A_year_of_actions_is_written_as_at_most_the_maximum_bars_of_whole_hours_losing_no_action()
    {
        // A revocation with a risk level change every 7 hours for 365 days, the last at hour 8,757:
        // 8,757 / 200 + 1 = 44 hours a bar, 8,757 / 44 + 1 = 200 bars.
        var actions = new ActionsOverTime();
        var revocations = 0;
        for (var hour = 0; hour < 365 * 24; hour += 7)
        {
            actions.Add(Scored.Start.AddHours(hour), TrustAction.RevokeSession | TrustAction.RiskLevelChange);
            revocations++;
        }

        var written = Json(actions);

        Assert.Equal(44, written.GetProperty("bucketHours").GetInt32());
        var bars = written.GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal(200, bars.Count);
        Assert.Equal(revocations, bars.Sum(bar => bar.GetProperty("counts")[0].GetInt64()));
        Assert.Equal(0, bars.Sum(bar => bar.GetProperty("counts")[1].GetInt64()));
        Assert.Equal(revocations, bars.Sum(bar => bar.GetProperty("counts")[2].GetInt64()));
        Assert.Equal(Scored.Start.ToUnixTimeMilliseconds(), bars[0].GetProperty("t").GetInt64());
    }

    [Fact]
    public void Events_that_take_no_action_add_no_bar()
    {
        var actions = new ActionsOverTime();
        actions.Add(Scored.Start, TrustAction.None);

        Assert.Empty(Json(actions).GetProperty("bars").EnumerateArray());
    }

    private static JsonElement Json(ActionsOverTime actions)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            actions.WriteJson(writer);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement;
    }
}

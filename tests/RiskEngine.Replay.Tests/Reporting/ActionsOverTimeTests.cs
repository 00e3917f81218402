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
    public void Three_years_of_hourly_actions_are_kept_in_merged_periods_losing_no_action()
    {
        // 26,280 hours with an action: at 8,784 periods of an hour they merge into 4,392 of 2 hours, at 8,784 of those
        // (hour 17,568) into 4 hours, ending with 26,280 / 4 = 6,570 periods. 6,569 / 200 + 1 = 33 periods a bar
        // (132 hours), 6,569 / 33 + 1 = 200 bars.
        var actions = new ActionsOverTime();
        const int Hours = 3 * 365 * 24;
        for (var hour = 0; hour < Hours; hour++)
        {
            actions.Add(Scored.Start.AddHours(hour), TrustAction.StepUp);
        }

        var written = Json(actions);

        Assert.Equal(4, actions.PeriodHours);
        Assert.Equal(132, written.GetProperty("bucketHours").GetInt32());
        var bars = written.GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal(200, bars.Count);
        Assert.Equal(Hours, bars.Sum(bar => bar.GetProperty("counts")[1].GetInt64()));
        Assert.Equal(Scored.Start.ToUnixTimeMilliseconds(), bars[0].GetProperty("t").GetInt64());
        Assert.Equal(Scored.Start.AddHours(199 * 132).ToUnixTimeMilliseconds(), bars[^1].GetProperty("t").GetInt64());
    }

    [Fact]
    public void Actions_stamped_millennia_apart_make_the_maximum_bars_at_most_with_both_ends_shown()
    {
        var actions = new ActionsOverTime();
        actions.Add(DateTimeOffset.MinValue, TrustAction.RevokeSession);
        actions.Add(DateTimeOffset.MaxValue, TrustAction.RevokeSession);

        var bars = Json(actions).GetProperty("bars").EnumerateArray().ToList();

        Assert.InRange(bars.Count, 2, ActionsOverTime.MaxBars);
        Assert.Equal(1, bars[0].GetProperty("counts")[0].GetInt64());
        Assert.Equal(1, bars[^1].GetProperty("counts")[0].GetInt64());
    }

    [Fact]
    public void Events_that_take_no_action_add_no_bar()
    {
        var actions = new ActionsOverTime();
        actions.Add(Scored.Start, TrustAction.None);

        Assert.Empty(Json(actions).GetProperty("bars").EnumerateArray());
    }

    /// <summary>What the chart is drawn from, as the report embeds it.</summary>
    internal static JsonElement Json(ActionsOverTime actions)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            actions.WriteJson(writer);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).RootElement;
    }
}

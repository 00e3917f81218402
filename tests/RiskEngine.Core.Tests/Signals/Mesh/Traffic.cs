using RiskEngine.Core.Events;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;

namespace RiskEngine.Core.Tests.Signals.Mesh;

/// <summary>Minutes of one workload's requests, spread evenly over each minute.</summary>
internal static class Traffic
{
    /// <summary>From <paramref name="start"/>, minute after minute, <c>perMinute[i]</c> requests made by <paramref name="request"/> in minute i.</summary>
    public static IEnumerable<IdentityEvent> Minutes(DateTimeOffset start, IEnumerable<int> perMinute, Func<DateTimeOffset, int, IdentityEvent>? request = null)
    {
        request ??= (at, _) => To("catalog", at);
        var minute = 0;
        foreach (var count in perMinute)
        {
            for (var i = 0; i < count; i++)
            {
                yield return request(start.AddMinutes(minute).AddTicks(TimeSpan.TicksPerMinute * i / count), i);
            }

            minute++;
        }
    }

    public static IEnumerable<int> Steady(int perMinute, int minutes) => Enumerable.Repeat(perMinute, minutes);
}

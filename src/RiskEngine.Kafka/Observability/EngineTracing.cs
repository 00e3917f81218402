using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Core.Events;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// The engine's traces, on the "RiskEngine" activity source: the decode stage starts one trace per event it writes
/// and carries its W3C <c>traceparent</c> in the event's Kafka headers; the scoring stage continues that trace and puts
/// its <c>traceparent</c> on every SET the event causes, so a SET leads back to its input event in a tracing backend.
/// Without a listener (no OTLP exporter configured) nothing is started, parsed or written.
/// </summary>
public static class EngineTracing
{
    public const string SourceName = "RiskEngine";

    /// <summary>The W3C Trace Context header (https://www.w3.org/TR/trace-context/#traceparent-header), as Kafka instrumentations name it.</summary>
    public const string TraceParentHeader = "traceparent";

    public const string EventIdTag = "riskengine.event.id";
    public const string SetJtiTag = "riskengine.set.jti";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A trace for one decoded event, or null when nobody listens.</summary>
    public static Activity? StartDecoded(IdentityEvent identityEvent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("decode", ActivityKind.Producer);
        activity?.SetTag(EventIdTag, identityEvent.EventId);
        activity?.SetTag("riskengine.source", identityEvent.Source.ToString());
        return activity;
    }

    /// <summary>The scoring of one event, continuing the trace its <c>traceparent</c> header names; null when nobody listens.</summary>
    public static Activity? StartScoring(Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (headers.TryGetLastBytes(TraceParentHeader, out var traceParent))
        {
            ActivityContext.TryParse(Encoding.ASCII.GetString(traceParent), traceState: null, isRemote: true, out parent);
        }

        return Source.StartActivity("score", ActivityKind.Consumer, parent);
    }

    /// <summary>Adds the current activity's <c>traceparent</c> to <paramref name="headers"/>, when there is one.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C)
        {
            headers.Add(TraceParentHeader, Encoding.ASCII.GetBytes(id));
        }
    }

    /// <summary>The trace id a message's <c>traceparent</c> header names, or null.</summary>
    public static ActivityTraceId? TraceIdOf(Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetLastBytes(TraceParentHeader, out var traceParent)
            && ActivityContext.TryParse(Encoding.ASCII.GetString(traceParent), traceState: null, out var context)
            ? context.TraceId
            : null;
    }
}

using System.Globalization;
using System.Text.Json;
using RiskEngine.Simulation;

namespace RiskEngine.Core.Tests.Simulation;

/// <summary>What the engine's signals read from a simulated Graph signIn payload.</summary>
internal sealed record ParsedSignIn(
    SimulatedSignIn Source,
    DateTimeOffset CreatedDateTime,
    int ErrorCode,
    string DeviceId,
    string DeviceKey,
    string IpAddress,
    string SessionId,
    string City,
    double Latitude,
    double Longitude)
{
    public bool Succeeded => ErrorCode == 0;

    public static ParsedSignIn From(SimulatedSignIn signIn)
    {
        using var document = JsonDocument.Parse(signIn.Payload);
        var root = document.RootElement;
        var device = root.GetProperty("deviceDetail");
        var deviceId = device.GetProperty("deviceId").GetString()!;
        var location = root.GetProperty("location");
        var coordinates = location.GetProperty("geoCoordinates");
        return new ParsedSignIn(
            signIn,
            DateTimeOffset.Parse(root.GetProperty("createdDateTime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            root.GetProperty("status").GetProperty("errorCode").GetInt32(),
            deviceId,
            deviceId.Length > 0 ? deviceId : $"{device.GetProperty("operatingSystem").GetString()}|{device.GetProperty("browser").GetString()}",
            root.GetProperty("ipAddress").GetString()!,
            root.GetProperty("sessionId").GetString()!,
            location.GetProperty("city").GetString()!,
            coordinates.GetProperty("latitude").GetDouble(),
            coordinates.GetProperty("longitude").GetDouble());
    }
}

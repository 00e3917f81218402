using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>
/// Connects push requests only to public addresses. The check is made on the addresses the receiver's name resolves
/// to, at connect time, so neither a name pointing at 169.254.169.254 nor one re-pointed after the stream was created
/// (DNS rebinding) reaches a non-public address.
/// </summary>
public static class PublicAddressConnector
{
    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>: a stream to the first public address of the host that accepts.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await ConnectToPublicAsync(context.DnsEndPoint, cancellationToken);
    }

    /// <summary>A stream to the first public address of <paramref name="endpoint"/> that accepts; <see cref="HttpRequestException"/> when it has none.</summary>
    public static async ValueTask<Stream> ConnectToPublicAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(address => NonPublicAddresses.RangeOf(address) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"{endpoint.Host} resolves only to non-public addresses ({string.Join(", ", addresses.Select(address => address.ToString()))}); "
                + "set Ssf:AllowPrivateEndpoints to push to them");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

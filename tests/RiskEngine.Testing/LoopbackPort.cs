using System.Net;
using System.Net.Sockets;

namespace RiskEngine.Testing;

public static class LoopbackPort
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listened on a moment ago, for a server a test starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

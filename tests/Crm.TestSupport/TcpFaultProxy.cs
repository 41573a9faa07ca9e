using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Crm.TestSupport;

/// <summary>How <see cref="TcpFaultProxy"/> treats connections.</summary>
public enum NetworkFault
{
    /// <summary>Forward to the upstream port.</summary>
    None,

    /// <summary>Accept, then reset (RST): "connection reset by peer".</summary>
    Reset,

    /// <summary>Accept, read the request, close without a word: "response ended prematurely".</summary>
    EndEarly,

    /// <summary>Accept and read, never answer: the client's timeout decides.</summary>
    BlackHole,
}

/// <summary>
/// A loopback TCP proxy in front of a storage port that fails the way networks do. Switching to a fault also
/// resets every connection in flight, as a storage outage does; switching back to <see cref="NetworkFault.None"/>
/// forwards new connections again.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int? _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly Task _accepting;
    private volatile NetworkFault _fault;

    /// <param name="upstreamPort">Where healthy traffic goes; null for a proxy that only ever fails.</param>
    public TcpFaultProxy(int? upstreamPort, NetworkFault fault = NetworkFault.None)
    {
        _upstreamPort = upstreamPort;
        _fault = fault;
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When a request sent through the proxy contains this text, it is not forwarded and the fault becomes <see cref="NetworkFault.Reset"/>.</summary>
    public string? TripOn { get; set; }

    /// <summary>Whether <see cref="TripOn"/> was met.</summary>
    public bool Tripped { get; private set; }

    public NetworkFault Fault
    {
        get => _fault;
        set
        {
            _fault = value;
            if (value != NetworkFault.None)
            {
                foreach (var socket in _open.Keys)
                {
                    Reset(socket);
                }
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        _open[client] = 0;
        try
        {
            switch (_fault)
            {
                case NetworkFault.None when _upstreamPort is { } port:
                    await ForwardAsync(client, port);
                    break;
                case NetworkFault.EndEarly:
                    await ReadRequestHeadAsync(client);
                    client.Shutdown(SocketShutdown.Both);
                    client.Close();
                    break;
                case NetworkFault.BlackHole:
                    var sink = new byte[4096];
                    while (await client.ReceiveAsync(sink, SocketFlags.None, _stop.Token) > 0)
                    {
                    }
                    break;
                default:
                    Reset(client);
                    break;
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _fault != NetworkFault.None)
        {
            // A connection cut on purpose.
        }
        catch (SocketException)
        {
            // Either side went away: end the pair.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private async Task ForwardAsync(Socket client, int port)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
        _open[upstream] = 0;
        try
        {
            await using var clientStream = new NetworkStream(client, ownsSocket: false);
            await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
            await Task.WhenAny(ForwardRequestsAsync(clientStream, upstreamStream), upstreamStream.CopyToAsync(clientStream, _stop.Token));
        }
        finally
        {
            _open.TryRemove(upstream, out _);
        }
    }

    /// <summary>Client to storage, watching for <see cref="TripOn"/> so a fault can start at one chosen request.</summary>
    private async Task ForwardRequestsAsync(NetworkStream client, NetworkStream upstream)
    {
        var buffer = new byte[16384];
        var tail = "";
        int read;
        while ((read = await client.ReadAsync(buffer, _stop.Token)) > 0)
        {
            if (TripOn is { } marker)
            {
                var text = tail + System.Text.Encoding.Latin1.GetString(buffer, 0, read);
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    TripOn = null;
                    Tripped = true;
                    Fault = NetworkFault.Reset;
                    return;
                }
                tail = text[Math.Max(0, text.Length - marker.Length)..];
            }
            await upstream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private async Task ReadRequestHeadAsync(Socket client)
    {
        var buffer = new byte[8192];
        var seen = new List<byte>();
        while (!EndsHead(seen))
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return;
            }
            seen.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool EndsHead(List<byte> seen) =>
        seen.Count >= 4 && System.Text.Encoding.ASCII.GetString([.. seen]).Contains("\r\n\r\n", StringComparison.Ordinal);

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
        await _accepting;
        _stop.Dispose();
    }
}

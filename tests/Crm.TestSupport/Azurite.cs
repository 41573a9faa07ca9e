using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Crm.TestSupport;

/// <summary>
/// The storage every test uses: the connection string in <c>CRM_TEST_STORAGE</c> when set (with a QueueEndpoint
/// for the synchronization queue), else one in-memory Azurite per test process serving tables and queues (two
/// node processes on free ports), started on first use and stopped (SIGINT) at exit.
/// </summary>
public static class Azurite
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<string> Shared = new(StartOrUseConfigured, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Shared.Value;

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static string ConnectionStringFor(int tablePort, int queuePort) =>
        ConnectionStringFor(tablePort) + $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";

    /// <summary>A queue name of the same shape as <see cref="NewTablePrefix"/>, for classes that need their own sync queue.</summary>
    public static string QueueNameFor(string tablePrefix) => tablePrefix.ToLowerInvariant() + "-sync";

    /// <summary>The table port of the storage in use, which must be on this machine (a proxy goes in front of it).</summary>
    public static int LoopbackTablePort() =>
        System.Text.RegularExpressions.Regex.Match(ConnectionString, @"TableEndpoint=http://127\.0\.0\.1:(\d+)/") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("This test puts a proxy in front of a local Azurite; CRM_TEST_STORAGE names another storage.");

    /// <summary>A fresh alphanumeric prefix, so each test class gets its own Azure tables.</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static string StartOrUseConfigured()
    {
        var configured = Environment.GetEnvironmentVariable("CRM_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var port = FreePort();
        var process = Start(port, location: null);
        var queuePort = FreePort();
        var queues = StartQueues(queuePort);
        // One handler stopping both at once: the test host may be ended before a second handler runs.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, queues);
        return ConnectionStringFor(port, queuePort);
    }

    /// <summary>
    /// Starts an in-memory Azurite queue server (the synchronization's run queue). Azurite 3.35 knew service
    /// versions up to 2025-11-05 and Azure.Storage.Queues 12.28 sends a newer one, hence --skipApiVersionCheck.
    /// </summary>
    public static Process StartQueues(int port) =>
        StartNode("queue", ["--queueHost", "127.0.0.1", "--queuePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--skipApiVersionCheck"], port, "/devstoreaccount1?comp=list");

    /// <summary>Starts an Azurite table server; in memory unless <paramref name="location"/> is given.</summary>
    public static Process Start(int port, string? location)
    {
        var arguments = new List<string> { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        arguments.AddRange(location is null ? ["--inMemoryPersistence"] : ["--location", location]);
        return StartNode("table", arguments, port, "/devstoreaccount1/Tables");
    }

    private static Process StartNode(string service, IEnumerable<string> arguments, int port, string readyPath)
    {
        var main = System.IO.Path.Combine(RepositoryRoot.Path, "tools", "azurite", "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed: run `npm ci` in tools/azurite (./test.sh does). Looked for {main}.");
        }
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { main, "--disableTelemetry", "--silent" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilReady(port, readyPath, process);
        return process;
    }

    public static void Stop(params Process[] processes)
    {
        var running = processes.Where(p => !p.HasExited).ToList();
        // SIGINT lets Azurite close cleanly; Kill is the fallback.
        foreach (var process in running)
        {
            _ = Posix.Kill(process.Id, Posix.SigInt);
        }
        foreach (var process in running.Where(p => !p.WaitForExit(5000)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitUntilReady(int port, string readyPath, Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it was ready.");
            }
            try
            {
                using var response = http.GetAsync(new Uri($"http://127.0.0.1:{port}{readyPath}")).GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(100);
            }
            catch (TaskCanceledException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException("Azurite did not answer within 30 s.");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Crm.TestSupport;

/// <summary>
/// The Table Storage every test uses: the connection string in <c>CRM_TEST_STORAGE</c> when set, else one
/// in-memory Azurite per test process on a free port, started on first use and stopped (SIGINT) at exit.
/// </summary>
public static class Azurite
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<string> Shared = new(StartOrUseConfigured, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Shared.Value;

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return ConnectionStringFor(port);
    }

    /// <summary>Starts an Azurite table server; in memory unless <paramref name="location"/> is given.</summary>
    public static Process Start(int port, string? location)
    {
        var main = System.IO.Path.Combine(RepositoryRoot.Path, "tools", "azurite", "node_modules", "azurite", "dist", "src", "table", "main.js");
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
        foreach (var argument in new[] { main, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilReady(port, process);
        return process;
    }

    public static void Stop(Process process)
    {
        if (process.HasExited)
        {
            return;
        }
        // SIGINT lets Azurite close cleanly; Kill is the fallback.
        _ = Posix.Kill(process.Id, Posix.SigInt);
        if (!process.WaitForExit(5000))
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

    private static void WaitUntilReady(int port, Process process)
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
                using var response = http.GetAsync(new Uri($"http://127.0.0.1:{port}/devstoreaccount1/Tables")).GetAwaiter().GetResult();
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

using System.Diagnostics;
using System.Globalization;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using Crm.TestSupport.Jira;
using Xunit.Abstractions;

namespace Crm.Server.Tests;

/// <summary>A large directory through the whole path: sync command, queue, consumer, Jira DC 10 stand-in.</summary>
public sealed class SyncScaleTests(ITestOutputHelper output)
{
    /// <summary>
    /// Users in the directory: 20,000 (issue 11), on an Azurite process of its own; <c>CRM_TEST_SYNC_USERS</c> sets
    /// another size (at least 1,000) for a local loop or a larger run.
    /// </summary>
    private static readonly int DirectorySize =
        int.TryParse(Environment.GetEnvironmentVariable("CRM_TEST_SYNC_USERS"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1_000 ? size : 20_000;

    [Fact]
    public async Task A_directory_larger_than_every_cap_synchronizes_in_one_run_and_the_next_run_writes_nothing()
    {
        var tablePort = Azurite.FreePort();
        var tables = Azurite.Start(tablePort, location: null);
        var queuePort = Azurite.FreePort();
        var queues = Azurite.StartQueues(queuePort);
        try
        {
            await using var jira = new JiraStandIn(JiraProfile.DataCenter10);
            jira.SetUsers(JiraUser.Many(DirectorySize));
            var settings = jira.Settings();
            settings["Crm:Storage:ConnectionString"] = Azurite.ConnectionStringFor(tablePort, queuePort);
            await using var server = new CrmTestServer(settings);

            var clock = Stopwatch.StartNew();
            // The server's first call creates its tables and schema: done here, so the sync request below is timed alone.
            await server.Client.GetAsync(("command", "syncstatus"));
            var startedIn = clock.Elapsed;
            clock.Restart();
            var requested = await server.Client.GetAsync(("command", "sync"));
            var answeredIn = clock.Elapsed;
            var first = await SyncRuns.WaitForEndAsync(server, requested["runId"], TimeSpan.FromMinutes(90));
            var firstRun = clock.Elapsed;
            clock.Restart();
            var second = await SyncRuns.WaitForEndAsync(server, (await server.Client.GetAsync(("command", "sync")))["runId"], TimeSpan.FromMinutes(30));
            var secondRun = clock.Elapsed;
            output.WriteLine($"{DirectorySize} users: first call (startup) {startedIn.TotalMilliseconds:0} ms; sync answered in {answeredIn.TotalMilliseconds:0} ms; first run {firstRun.TotalSeconds:0.0} s ({first["startedAt"]} to {first["endedAt"]}); second run {secondRun.TotalSeconds:0.0} s; {jira.Requests.Count} Jira requests");

            Assert.Equal("queued", requested["status"]);
            Assert.Equal(("completed", DirectorySize.ToString(CultureInfo.InvariantCulture), "true"), (first["status"], first["created"], first["directoryComplete"]));
            Assert.Equal(("completed", "0", "0", DirectorySize.ToString(CultureInfo.InvariantCulture)), (second["status"], second["created"], second["updated"], second["unchanged"]));
        }
        finally
        {
            Azurite.Stop(tables, queues);
            tables.Dispose();
            queues.Dispose();
        }
    }
}

using System.Diagnostics;
using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

public static class SyncRuns
{
    /// <summary>Polls syncstatus for the run until it is neither queued nor running (or the wait is over).</summary>
    public static async Task<CrmResponse> WaitForEndAsync(CrmTestServer server, string runId, TimeSpan? wait = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * (wait ?? TimeSpan.FromSeconds(60)).TotalSeconds);
        while (true)
        {
            var status = await server.Client.GetAsync(("command", "syncstatus"), ("runId", runId));
            Assert.True(status.Success, status.ToString());
            if (status["status"] is not ("queued" or "running") || Stopwatch.GetTimestamp() > deadline)
            {
                return status;
            }
            await Task.Delay(100);
        }
    }
}

using System.Diagnostics;
using System.Net;
using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

public static class SyncRuns
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Polls syncstatus for the run until it is neither queued nor running (or the wait is over), pausing longer
    /// the longer the run takes. A 503 (storage too busy to answer in time, e.g. Azurite building a large
    /// partition) is waited out like any client would: after its Retry-After.
    /// </summary>
    public static async Task<CrmResponse> WaitForEndAsync(CrmTestServer server, string runId, TimeSpan? wait = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * (wait ?? TimeSpan.FromSeconds(60)).TotalSeconds);
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var status = await server.Client.GetAsync(("command", "syncstatus"), ("runId", runId));
            var busy = status.Status == HttpStatusCode.ServiceUnavailable && status.Code == "unavailable";
            Assert.True(status.Success || busy, status.ToString());
            if ((!busy && status["status"] is not ("queued" or "running")) || Stopwatch.GetTimestamp() > deadline)
            {
                return status;
            }
            await Task.Delay(busy ? status.RetryAfter ?? LongestPause : pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using Crm.Core.Sync;
using Crm.TestSupport.Jira;

// Usage: dotnet run --project tools/jira-stand-in -- [Cloud|DataCenter9|DataCenter10] [users=50]
var profileName = args.Length > 0 ? args[0] : "DataCenter10";
var profile = JiraProfile.Named(profileName);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var stopped = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopped.TrySetResult(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
await using var jira = new JiraStandIn(profile);
jira.SetUsers(JiraUser.Many(count));
var settings = jira.Settings();
Console.WriteLine($"Jira {profileName} stand-in with {count} users at {jira.BaseUrl}. Start the CRM with:");
string[] names = ["BaseUrl", "Edition", "Email", "Token"];
Console.WriteLine(string.Join(" ", names
    .Where(name => settings[$"Crm:Sync:Jira:{name}"] is not null)
    .Select(name => $"Crm__Sync__Jira__{name}={settings[$"Crm:Sync:Jira:{name}"]}")) + " ./run.sh");
Console.WriteLine("Enter removes the last user (to see a contact deactivated); Ctrl+C stops.");
var users = JiraUser.Many(count).ToList();
_ = Task.Run(() =>
{
    while (Console.ReadLine() is not null && users.Count > 0)
    {
        jira.Remove(users[^1].Login);
        Console.WriteLine($"Removed {users[^1].Login}.");
        users.RemoveAt(users.Count - 1);
    }
});
await stopped.Task;

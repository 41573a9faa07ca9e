using Microsoft.Extensions.Hosting;
using Crm.Functions;

var host = CrmFunctionsHost.Build(args);
await host.RunAsync();

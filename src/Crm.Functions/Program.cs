using Crm.Core;
using Crm.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
await builder.AddCrm().AddCrmWorkerTelemetry().Build().RunAsync();

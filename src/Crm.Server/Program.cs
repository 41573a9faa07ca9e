using Crm.Core;
using Crm.Server;

var builder = WebApplication.CreateBuilder(args);
await builder.AddCrm().BuildCrmServer().RunAsync();

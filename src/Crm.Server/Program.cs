using Crm.Server;

var app = CrmServerApp.Create(args);
await app.RunAsync();

using ActorPool.Hosting;
using ActorPool.WorkerService;

// appsettings.json is read from beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// The pool: options from the "ActorPool" section of appsettings.json, started with the host (its children are ready
// before the worker below starts) and stopped with it; its logs go to the host's ILoggerFactory.
builder.Services.AddActorPool();
builder.Services.AddHealthChecks().AddActorPool();
builder.Services.AddHostedService<ChecksumWorker>();

await builder.Build().RunAsync();

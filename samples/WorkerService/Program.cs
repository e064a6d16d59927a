using WorkerService;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);

// The "Forklift" section of appsettings.json configures the default pool and, under "Pools", the "images" pool that
// ThumbnailJobs takes as a keyed service.
builder.Services.AddForklift(builder.Configuration.GetSection("Forklift"));
builder.Services.AddHostedService<ThumbnailJobs>();

builder.Build().Run();

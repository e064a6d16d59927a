using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AspNetApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// One line: the pool's settings come from appsettings.json ("Forklift" section), it is validated at start, logs
// through the app's ILogger, drains on shutdown, and becomes the pool the generated *Async methods use.
builder.Services.AddForklift(builder.Configuration.GetSection("Forklift"));
builder.Services.AddHealthChecks().AddForklift();

// Call spans (method, pool, worker pid, outcome) go wherever the app's tracing goes. This sample keeps the last spans
// in memory and shows them at /spans, so you can see them without a collector.
var spans = new ConcurrentQueue<Activity>();
// The request spans (ASP.NET Core's own activity source) are recorded too, so each Forklift span has a sampled parent;
// a real app would add OpenTelemetry.Instrumentation.AspNetCore and an OTLP exporter instead.
builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
    .AddSource("Microsoft.AspNetCore")
    .AddForkliftInstrumentation()
    .AddProcessor(new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(new KeepLast(spans, 100)))));

WebApplication app = builder.Build();

// CPU-bound work in worker processes: the request thread only awaits.
app.MapGet("/primes", async (int upTo, CancellationToken cancellationToken) =>
{
    const int Chunks = 8;
    var ranges = Enumerable.Range(0, Chunks).Select(i => (i * upTo / Chunks, (i + 1) * upTo / Chunks));
    int[] counts = await Primes.CountMapAsync(ranges, cancellationToken);
    return Results.Ok(new { upTo, primes = counts.Sum() });
});

// A long job, to watch a graceful shutdown: stop the app while it runs and the response still arrives.
app.MapGet("/job", async (int ms, ILogger<Program> logger) =>
{
    int pid = await Primes.ReportAsync(ms, new Progress<int>(worker => logger.LogInformation("Job running in worker {WorkerPid}", worker)));
    return Results.Ok(new { worker = pid });
});

app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson.WriteAsync });
app.MapGet("/spans", () => spans.Select(s => new
{
    name = s.DisplayName,
    durationMs = s.Duration.TotalMilliseconds,
    tags = s.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString()),
}));

app.Run();

/// <summary>Writes each health entry with its description and data, so /health shows the pools.</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }
}

/// <summary>An in-memory exporter's collection that keeps only the newest spans.</summary>
internal sealed class KeepLast(ConcurrentQueue<Activity> queue, int limit) : ICollection<Activity>
{
    public int Count => queue.Count;

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        queue.Enqueue(item);
        while (queue.Count > limit && queue.TryDequeue(out _))
        {
        }
    }

    public void Clear() => queue.Clear();

    public bool Contains(Activity item) => queue.Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);

    public bool Remove(Activity item) => throw new NotSupportedException();

    public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Visible to the logger category.</summary>
public partial class Program;

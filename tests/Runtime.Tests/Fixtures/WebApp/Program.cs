using Forklift;
using Forklift.Fixtures;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
var app = builder.Build();
app.MapGet("/square/{x:int}", async (int x) => await pool.InvokeAsync(SquareMethod.Square, x));
await app.StartAsync();

// Call through the real HTTP pipeline, bound to loopback only.
string address = app.Urls.First();
using var http = new HttpClient();
string body = await http.GetStringAsync($"{address}/square/9");
Console.WriteLine($"RESULT {body}");
await app.StopAsync();

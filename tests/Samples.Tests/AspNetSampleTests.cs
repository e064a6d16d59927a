using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Forklift.Samples.Tests;

/// <summary>
/// samples/AspNetApi as a real process: <c>AddForklift(configuration)</c>, [Parallel] work from request handlers,
/// /health showing the pool, call spans with worker pids, and a SIGTERM during a request that still completes, after
/// which no worker is left.
/// </summary>
public sealed partial class AspNetSampleTests
{
    private static readonly TimeSpan Wait = SampleRunner.DefaultTimeout;

    [Fact]
    public async Task Web_api_runs_work_in_the_configured_pool_reports_health_and_spans_and_drains_on_SIGTERM()
    {
        await using var app = await SampleProcess.StartAsync("AspNetApi", ["--urls", "http://127.0.0.1:0"]);
        var address = new Uri((await app.WaitForLineAsync(Listening())).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = address, Timeout = Wait };

        // [Parallel] work from a request handler; 9,592 primes below 100,000.
        JsonElement primes = await http.GetFromJsonAsync<JsonElement>("/primes?upTo=100000");
        Assert.Equal(9592, primes.GetProperty("primes").GetInt32());

        // The pool from appsettings.json ("Workers": 2, warmed up at start) is in /health.
        JsonElement health = await http.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        JsonElement forklift = health.GetProperty("checks").GetProperty("forklift");
        Assert.Equal(2, forklift.GetProperty("data").GetProperty("default.max_workers").GetInt32());
        Assert.Equal(2, forklift.GetProperty("data").GetProperty("default.live_workers").GetInt32());

        // The in-memory exporter saw a client span per chunk, each naming the worker process that ran it.
        JsonElement spans = await http.GetFromJsonAsync<JsonElement>("/spans");
        int[] spanPids = spans.EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == "Primes.Count")
            .Select(s => int.Parse(s.GetProperty("tags").GetProperty("forklift.worker.pid").GetString()!))
            .ToArray();
        Assert.Equal(8, spanPids.Length);
        Assert.All(spans.EnumerateArray().Where(s => s.GetProperty("name").GetString() == "Primes.Count"), s =>
        {
            Assert.Equal("default", s.GetProperty("tags").GetProperty("forklift.pool.name").GetString());
            Assert.Equal("ok", s.GetProperty("tags").GetProperty("forklift.outcome").GetString());
        });
        Assert.All(spanPids.Distinct(), pid => Assert.Equal(app.Process.Id, ParentOf(pid)));

        // SIGTERM while a request's call runs in a worker: the response still arrives, then the app exits cleanly.
        Task<HttpResponseMessage> job = http.GetAsync("/job?ms=3000");
        int jobWorker = int.Parse((await app.WaitForLineAsync(JobRunning())).Groups[1].Value);
        app.SendSigterm();

        using HttpResponseMessage response = await job.WaitAsync(Wait);
        Assert.True(response.IsSuccessStatusCode, app.Describe());
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(jobWorker, body.GetProperty("worker").GetInt32());
        Assert.Equal(0, await app.WaitForExitAsync());
        Assert.Contains("Forklift pool 'default' stopped", app.Output, StringComparison.Ordinal);
        foreach (int pid in spanPids.Append(jobWorker).Distinct())
        {
            await SampleProcess.WaitUntilGoneAsync(pid);
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"Job running in worker (\d+)")]
    private static partial Regex JobRunning();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}

using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Blind48.DroneRacing.TelemetryUpload;

public sealed record PilotLog(string PilotId, string Path);

public sealed record UploadResult(string PilotId, int Laps, TimeSpan BestLap);

/// <summary>
/// Command-line tool run after each heat: uploads every pilot's flight log to
/// the league server and prints a summary.
/// </summary>
public sealed class TelemetryUploadCommand
{
    private readonly HttpClient _http;

    public TelemetryUploadCommand(HttpClient http) => _http = http;

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: telemetry-upload <log-folder> [parallelism]");
            return 2;
        }

        var parallelism = args.Length > 1 && int.TryParse(args[1], out var p) ? p : 4;
        var logs = Directory.EnumerateFiles(args[0], "*.bbl")
            .Select(path => new PilotLog(Path.GetFileNameWithoutExtension(path), path))
            .ToList();

        var results = new ConcurrentBag<UploadResult>();
        var failures = new List<(string PilotId, Exception Error)>();

        await Parallel.ForEachAsync(
            logs,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (log, token) =>
            {
                try
                {
                    results.Add(await UploadAsync(log, token));
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    failures.Add((log.PilotId, ex));
                }
            });

        foreach (var r in results.OrderBy(r => r.BestLap))
        {
            Console.WriteLine($"{r.PilotId,-12} {r.Laps,3} laps  best {r.BestLap:mm\\:ss\\.fff}");
        }

        foreach (var (pilotId, error) in failures)
        {
            Console.Error.WriteLine($"{pilotId}: upload failed: {error.Message}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private async Task<UploadResult> UploadAsync(PilotLog log, CancellationToken ct)
    {
        await using var file = File.OpenRead(log.Path);
        using var content = new StreamContent(file);
        using var response = await _http.PostAsync($"heats/current/pilots/{log.PilotId}/log", content, ct);
        response.EnsureSuccessStatusCode();

        var summary = await response.Content.ReadFromJsonAsync<LapSummary>(cancellationToken: ct)
            ?? throw new IOException($"Empty lap summary for {log.PilotId}.");
        return new UploadResult(log.PilotId, summary.Laps, TimeSpan.FromMilliseconds(summary.BestLapMs));
    }

    private sealed record LapSummary(int Laps, double BestLapMs);
}

using System.Collections.Concurrent;

namespace Blind48.DroneRacing.Certification;

public sealed record FrameInspection(string PilotId, string FrameSerial, bool Passed, string? Reason);

public interface IInspectionService
{
    Task<FrameInspection> InspectAsync(string pilotId, string frameSerial, CancellationToken ct);
}

/// <summary>
/// Command-line tool run before race day: sends every registered frame through
/// the league's inspection service and prints the result sheet.
/// </summary>
public sealed class FrameCertificationCommand
{
    private readonly IInspectionService _inspections;

    public FrameCertificationCommand(IInspectionService inspections) => _inspections = inspections;

    public async Task<int> RunAsync(IReadOnlyList<(string PilotId, string FrameSerial)> frames, int parallelism, CancellationToken ct)
    {
        var results = new FrameInspection?[frames.Count];
        var failures = new ConcurrentQueue<(string PilotId, Exception Error)>();
        var passed = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, frames.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (index, token) =>
            {
                var (pilotId, serial) = frames[index];
                try
                {
                    var inspection = await _inspections.InspectAsync(pilotId, serial, token);
                    results[index] = inspection;
                    if (inspection.Passed)
                    {
                        Interlocked.Increment(ref passed);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
                {
                    failures.Enqueue((pilotId, ex));
                }
            });

        for (var i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (r is null)
            {
                continue;
            }

            Console.WriteLine($"{r.PilotId,-12} {r.FrameSerial,-14} {(r.Passed ? "PASS" : "FAIL")} {r.Reason}");
        }

        foreach (var (pilotId, error) in failures)
        {
            Console.Error.WriteLine($"{pilotId}: inspection not completed: {error.Message}");
        }

        Console.WriteLine($"{passed}/{frames.Count} frames certified");
        return failures.IsEmpty ? 0 : 1;
    }
}

using System.Collections.Concurrent;

namespace Blind61.WindFarms.Blades;

public sealed record BladeImage(string TurbineId, int Blade, string Path);

public sealed record InspectionFinding(string TurbineId, int Blade, string Defect, double Severity);

/// <summary>
/// Analyses drone inspection images of turbine blades. Images are dealt round-robin to
/// per-worker queues; a worker that runs dry takes work from the others.
/// </summary>
public sealed class BladeInspectionRun
{
    private readonly Func<BladeImage, IReadOnlyList<InspectionFinding>> _analyse;
    private int _processed;
    private int _stolen;

    public BladeInspectionRun(Func<BladeImage, IReadOnlyList<InspectionFinding>> analyse) => _analyse = analyse;

    public int Processed => Volatile.Read(ref _processed);
    public int Stolen => Volatile.Read(ref _stolen);

    public async Task<IReadOnlyList<InspectionFinding>> RunAsync(IReadOnlyList<BladeImage> images, int workers, CancellationToken ct)
    {
        var queues = new ConcurrentQueue<BladeImage>[workers];
        for (var w = 0; w < workers; w++)
            queues[w] = new ConcurrentQueue<BladeImage>();
        for (var i = 0; i < images.Count; i++)
            queues[i % workers].Enqueue(images[i]);

        var findings = new ConcurrentBag<InspectionFinding>();
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var self = w;
            tasks[w] = Task.Run(() => Work(self, queues, findings, ct), ct);
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);

        return findings.OrderByDescending(f => f.Severity).ThenBy(f => f.TurbineId).ToList();
    }

    private void Work(int self, ConcurrentQueue<BladeImage>[] queues, ConcurrentBag<InspectionFinding> findings, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!queues[self].TryDequeue(out var image) && !TrySteal(self, queues, out image))
                return;

            foreach (var finding in _analyse(image!))
                findings.Add(finding);
            Interlocked.Increment(ref _processed);
        }
    }

    private bool TrySteal(int self, ConcurrentQueue<BladeImage>[] queues, out BladeImage? image)
    {
        for (var offset = 1; offset < queues.Length; offset++)
        {
            var victim = queues[(self + offset) % queues.Length];
            if (victim.TryDequeue(out image))
            {
                Interlocked.Increment(ref _stolen);
                return true;
            }
        }
        image = null;
        return false;
    }
}

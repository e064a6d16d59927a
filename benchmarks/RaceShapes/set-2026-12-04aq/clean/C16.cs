namespace Blind43.Windmills.Millstones;

public sealed record DressingStep(string Stone, string Furrow, bool Done, string? Remark);

/// <summary>
/// Collects progress from the millstone-dressing jobs running in parallel for a restoration
/// project and keeps the remarks for the restoration report.
/// </summary>
public sealed class DressingProgressLog : IProgress<DressingStep>
{
    private readonly object _gate = new();
    private readonly List<string> _remarks = new();
    private readonly Dictionary<string, int> _furrowsDoneByStone = new(StringComparer.OrdinalIgnoreCase);
    private int _reports;

    public void Report(DressingStep value)
    {
        Interlocked.Increment(ref _reports);
        lock (_gate)
        {
            if (value.Done)
            {
                _furrowsDoneByStone[value.Stone] = _furrowsDoneByStone.GetValueOrDefault(value.Stone) + 1;
            }

            if (value.Remark is not null)
            {
                _remarks.Add($"{value.Stone}/{value.Furrow}: {value.Remark}");
            }
        }
    }

    public int Reports => Volatile.Read(ref _reports);

    public IReadOnlyList<string> Remarks()
    {
        lock (_gate)
        {
            return _remarks.ToList();
        }
    }

    public IReadOnlyDictionary<string, int> FurrowsDone()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_furrowsDoneByStone, StringComparer.OrdinalIgnoreCase);
        }
    }
}

public interface IDressingTool
{
    Task<DressingStep> DressFurrowAsync(string stone, string furrow, CancellationToken ct);
}

/// <summary>Dresses every furrow of several stones at once, one job per stone.</summary>
public sealed class MillstoneDressingJob
{
    private readonly IDressingTool _tool;

    public MillstoneDressingJob(IDressingTool tool) => _tool = tool;

    public async Task RunAsync(IReadOnlyDictionary<string, string[]> furrowsByStone, IProgress<DressingStep> progress, CancellationToken ct)
    {
        var jobs = furrowsByStone.Select(kv => Task.Run(async () =>
        {
            foreach (var furrow in kv.Value)
            {
                ct.ThrowIfCancellationRequested();
                var step = await _tool.DressFurrowAsync(kv.Key, furrow, ct).ConfigureAwait(false);
                progress.Report(step);
            }
        }, ct));

        await Task.WhenAll(jobs).ConfigureAwait(false);
    }
}

using System.Collections.Concurrent;

namespace Blind26.TypewriterRepair.Bench;

public sealed record RepairJob(string Serial, string Model, IReadOnlyList<string> Parts);

/// <summary>
/// A repair bench that works through jobs one at a time on its own thread. Front desk
/// staff enqueue jobs from the shop's web UI.
/// </summary>
public sealed class RepairBench : IDisposable
{
    private readonly BlockingCollection<RepairJob> _jobs = new(boundedCapacity: 64);
    private readonly Dictionary<string, int> _partsUsed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<RepairJob> _repair;
    private readonly Thread _worker;
    private volatile IReadOnlyDictionary<string, int> _partsSnapshot = new Dictionary<string, int>();
    private long _completed;
    private long _failed;

    public RepairBench(string name, Action<RepairJob> repair)
    {
        _repair = repair;
        _worker = new Thread(WorkLoop) { IsBackground = true, Name = $"bench-{name}" };
        _worker.Start();
    }

    public bool TryEnqueue(RepairJob job, TimeSpan timeout) => _jobs.TryAdd(job, timeout);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public int Waiting => _jobs.Count;

    public IReadOnlyDictionary<string, int> PartsUsed => _partsSnapshot;

    private void WorkLoop()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            try
            {
                _repair(job);
                foreach (string part in job.Parts)
                {
                    _partsUsed.TryGetValue(part, out int used);
                    _partsUsed[part] = used + 1;
                }

                _partsSnapshot = new Dictionary<string, int>(_partsUsed, StringComparer.OrdinalIgnoreCase);
                Interlocked.Increment(ref _completed);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    /// <summary>Stops taking jobs, finishes the queue and returns the total part usage.</summary>
    public IReadOnlyDictionary<string, int> Close()
    {
        _jobs.CompleteAdding();
        _worker.Join();
        return new Dictionary<string, int>(_partsUsed, StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        if (!_jobs.IsAddingCompleted)
        {
            Close();
        }

        _jobs.Dispose();
    }
}

namespace Lighthouse.FogSignal;

public readonly record struct BlastPattern(string Name, TimeSpan Blast, TimeSpan Silence, int Repeats);

public interface IHornDriver
{
    void Sound(TimeSpan duration);
}

/// <summary>
/// Queues fog-horn patterns for the diaphone compressor. Visibility sensors and
/// the keeper's console enqueue patterns from their own threads; a dedicated
/// sequencer thread sounds them one after another.
/// </summary>
public sealed class FogHornSequencer : IDisposable
{
    private readonly object _sync = new();
    private readonly Queue<BlastPattern> _patterns = new();
    private readonly IHornDriver _horn;
    private readonly Thread _worker;
    private readonly int _maxQueued;
    private bool _stopping;
    private int _soundedCount;

    public FogHornSequencer(IHornDriver horn, int maxQueued = 16)
    {
        _horn = horn;
        _maxQueued = maxQueued;
        _worker = new Thread(Run) { IsBackground = true, Name = "fog-horn" };
        _worker.Start();
    }

    public void Enqueue(BlastPattern pattern)
    {
        lock (_sync)
        {
            while (_patterns.Count >= _maxQueued && !_stopping)
            {
                Monitor.Wait(_sync);
            }

            if (_stopping)
            {
                return;
            }

            _patterns.Enqueue(pattern);
            Monitor.PulseAll(_sync);
        }
    }

    public int SoundedCount
    {
        get { lock (_sync) { return _soundedCount; } }
    }

    private void Run()
    {
        while (true)
        {
            BlastPattern pattern;
            lock (_sync)
            {
                while (_patterns.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_sync);
                }

                if (_patterns.Count == 0)
                {
                    return;
                }

                pattern = _patterns.Dequeue();
                Monitor.PulseAll(_sync);
            }

            for (int i = 0; i < pattern.Repeats; i++)
            {
                _horn.Sound(pattern.Blast);
                Thread.Sleep(pattern.Silence);
            }

            lock (_sync)
            {
                _soundedCount++;
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _stopping = true;
            Monitor.PulseAll(_sync);
        }

        _worker.Join();
    }
}

namespace Blind65.Glassblowing.Glory;

/// <summary>
/// Rolling temperature window for the glory hole. Readings are immutable
/// snapshots, so the dashboard can read the average without locking.
/// </summary>
public sealed class GloryHoleTemperatureWindow
{
    private sealed class Window
    {
        public Window(double[] samples, int count, int next, double sum)
        {
            Samples = samples;
            Count = count;
            Next = next;
            Sum = sum;
        }

        public double[] Samples { get; }
        public int Count { get; }
        public int Next { get; }
        public double Sum { get; }
    }

    private readonly int _capacity;
    private Window _current;

    public GloryHoleTemperatureWindow(int capacity)
    {
        _capacity = capacity;
        _current = new Window(new double[capacity], 0, 0, 0);
    }

    /// <summary>Called from the pyrometer reader and from the manual-entry API.</summary>
    public void Add(double celsius)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _current);
            var samples = (double[])seen.Samples.Clone();
            var sum = seen.Sum;
            var count = seen.Count;

            if (count == _capacity)
            {
                sum -= samples[seen.Next];
            }
            else
            {
                count++;
            }
            samples[seen.Next] = celsius;
            sum += celsius;

            var updated = new Window(samples, count, (seen.Next + 1) % _capacity, sum);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, updated, seen), seen))
            {
                return;
            }
        }
    }

    public double Average
    {
        get
        {
            var window = Volatile.Read(ref _current);
            return window.Count == 0 ? double.NaN : window.Sum / window.Count;
        }
    }

    public double Peak
    {
        get
        {
            var window = Volatile.Read(ref _current);
            var peak = double.NaN;
            for (var i = 0; i < window.Count; i++)
            {
                if (double.IsNaN(peak) || window.Samples[i] > peak)
                {
                    peak = window.Samples[i];
                }
            }
            return peak;
        }
    }
}

public sealed class PyrometerReader
{
    private readonly GloryHoleTemperatureWindow _window;
    private readonly Func<double> _read;

    public PyrometerReader(GloryHoleTemperatureWindow window, Func<double> read)
    {
        _window = window;
        _read = read;
    }

    public Task RunAsync(CancellationToken token) => Task.Run(async () =>
    {
        while (!token.IsCancellationRequested)
        {
            _window.Add(_read());
            await Task.Delay(500, token).ConfigureAwait(false);
        }
    }, token);
}

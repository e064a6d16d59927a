namespace Blind34.WoolCarding.Moisture;

public readonly record struct MoistureSummary(int Samples, double Mean, double Min, double Max);

/// <summary>
/// Sliding window of moisture readings from the fleece dryer outlet. The
/// dryer's sensor thread adds readings and the mill's web dashboard asks for
/// summaries.
/// </summary>
public sealed class DryerMoistureWindow
{
    private readonly object _gate = new();
    private readonly double[] _ring;
    private int _head;
    private int _count;
    private double _total;

    public DryerMoistureWindow(int size) => _ring = new double[size];

    public void Add(double percent)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                _total -= _ring[_head];
            }
            else
            {
                _count++;
            }

            _ring[_head] = percent;
            _total += percent;
            _head = (_head + 1) % _ring.Length;
        }
    }

    public MoistureSummary Summarise()
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return default;
            }

            double min = double.MaxValue, max = double.MinValue;
            for (var i = 0; i < _count; i++)
            {
                min = Math.Min(min, _ring[i]);
                max = Math.Max(max, _ring[i]);
            }

            return new MoistureSummary(_count, _total / _count, min, max);
        }
    }

    public bool TooDamp(double limit)
    {
        var summary = Summarise();
        return summary.Samples > 0 && summary.Mean > limit;
    }
}

public sealed class DryerMonitor
{
    private readonly DryerMoistureWindow _window = new(120);

    public Thread StartSensorThread(Func<double> readSensor, CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                _window.Add(readSensor());
                Thread.Sleep(500);
            }
        })
        {
            IsBackground = true,
            Name = "dryer-moisture",
        };
        thread.Start();
        return thread;
    }

    public string DashboardLine()
    {
        var s = _window.Summarise();
        return $"moisture {s.Mean:F1}% (min {s.Min:F1}, max {s.Max:F1}, n={s.Samples})";
    }
}

namespace Blind30.BeekeepersMarket;

public interface IHiveScale
{
    double ReadKilograms();
}

/// <summary>
/// Logs a hive scale during the honey flow on a dedicated thread. The market stall's
/// app creates it in the morning and stops it in the evening; stopping may be requested
/// from the app and from the host's shutdown at the same time.
/// </summary>
public sealed class HiveScaleLogger : IDisposable
{
    private readonly IHiveScale _scale;
    private readonly TimeSpan _interval;
    private readonly Thread _worker;
    private volatile bool _stopping;
    private int _stopRequested;
    private int _samples;
    private double _firstKg = double.NaN;
    private double _maxGainKg;

    public HiveScaleLogger(IHiveScale scale, TimeSpan interval)
    {
        _scale = scale;
        _interval = interval;
        _worker = new Thread(Run) { IsBackground = true, Name = "hive-scale" };
        _worker.Start();
    }

    private void Run()
    {
        while (!_stopping)
        {
            double kg = _scale.ReadKilograms();
            if (double.IsNaN(_firstKg))
            {
                _firstKg = kg;
            }

            _maxGainKg = Math.Max(_maxGainKg, kg - _firstKg);
            _samples++;
            Thread.Sleep(_interval);
        }
    }

    /// <summary>Stops logging and returns the number of samples and the day's best gain.</summary>
    public (int Samples, double MaxGainKg) Stop()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            _stopping = true;
        }

        _worker.Join();

        return (_samples, _maxGainKg);
    }

    public void Dispose() => Stop();
}

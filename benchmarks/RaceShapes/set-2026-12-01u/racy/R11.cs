using System.Text;

namespace SeedBank.Cabinets;

/// <summary>
/// Buffers germination cabinet temperature samples and writes them to the daily CSV file.
/// Samples arrive from the sensor poller thread; the flush runs on a System.Timers.Timer.
/// </summary>
public sealed class CabinetTemperatureLog : IDisposable
{
    private readonly object _sync = new();
    private readonly StringBuilder _buffer = new();
    private readonly System.Timers.Timer _flushTimer;
    private readonly string _directory;
    private int _pendingSamples;

    public CabinetTemperatureLog(string directory)
    {
        _directory = directory;
        _flushTimer = new System.Timers.Timer(TimeSpan.FromSeconds(30).TotalMilliseconds) { AutoReset = true };
        _flushTimer.Elapsed += (_, _) => Flush();
        _flushTimer.Start();
    }

    public void Append(string cabinetId, double celsius, DateTime takenAtUtc)
    {
        lock (this)
        {
            _buffer.Append(takenAtUtc.ToString("O")).Append(',')
                   .Append(cabinetId).Append(',')
                   .Append(celsius.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))
                   .AppendLine();
            _pendingSamples++;
        }
    }

    public void Flush()
    {
        string chunk;
        lock (_sync)
        {
            if (_pendingSamples == 0)
                return;
            chunk = _buffer.ToString();
            _buffer.Clear();
            _pendingSamples = 0;
        }

        var path = Path.Combine(_directory, $"germination-{DateTime.UtcNow:yyyyMMdd}.csv");
        File.AppendAllText(path, chunk);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}

/// <summary>Polls the cabinet sensors on a dedicated thread.</summary>
public sealed class CabinetSensorPoller
{
    private readonly CabinetTemperatureLog _log;
    private readonly Func<string, double> _readSensor;
    private readonly string[] _cabinets;

    public CabinetSensorPoller(CabinetTemperatureLog log, Func<string, double> readSensor, string[] cabinets)
    {
        _log = log;
        _readSensor = readSensor;
        _cabinets = cabinets;
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var cabinet in _cabinets)
                    _log.Append(cabinet, _readSensor(cabinet), DateTime.UtcNow);
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(5));
            }
        }) { IsBackground = true, Name = "cabinet-poller" };
        thread.Start();
        return thread;
    }
}

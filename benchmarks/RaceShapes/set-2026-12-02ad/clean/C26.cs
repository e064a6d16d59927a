namespace Blind30.MushroomFarm;

/// <summary>
/// Reads CO2 concentration from a grow room's NDIR sensor attached to a serial device
/// (for example /dev/ttyUSB0). The room controller polls it and the farm dashboard asks
/// for spot readings; the host disposes it when the room is taken offline, possibly
/// while a read is in progress.
/// </summary>
public sealed class Co2SensorPort : IDisposable
{
    private static readonly byte[] ReadCommand = { 0xFF, 0x01, 0x86, 0x00, 0x00, 0x00, 0x00, 0x00, 0x79 };

    private readonly object _portLock = new();
    private readonly Stream _port;
    private bool _disposed;
    private int _lastPpm = -1;

    public Co2SensorPort(Stream port)
    {
        _port = port;
    }

    public static Co2SensorPort Open(string devicePath) =>
        new(new FileStream(devicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0));

    public int? LastPpm
    {
        get
        {
            lock (_portLock)
            {
                return _lastPpm < 0 ? null : _lastPpm;
            }
        }
    }

    public int? ReadPpm()
    {
        lock (_portLock)
        {
            if (_disposed)
            {
                return null;
            }

            _port.Write(ReadCommand, 0, ReadCommand.Length);
            _port.Flush();

            var response = new byte[9];
            int read = 0;
            while (read < response.Length)
            {
                int n = _port.Read(response, read, response.Length - read);
                if (n == 0)
                {
                    return null;
                }

                read += n;
            }

            byte checksum = 0;
            for (int i = 1; i < 8; i++)
            {
                checksum += response[i];
            }

            checksum = (byte)(0xFF - checksum + 1);
            if (response[0] != 0xFF || response[1] != 0x86 || response[8] != checksum)
            {
                return null;
            }

            _lastPpm = response[2] * 256 + response[3];
            return _lastPpm;
        }
    }

    public void Dispose()
    {
        lock (_portLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _port.Dispose();
        }
    }
}

/// <summary>Polls the sensor and switches the fresh-air fan for one room.</summary>
public sealed class FreshAirController
{
    private readonly Co2SensorPort _sensor;
    private readonly Action<bool> _setFan;
    private readonly int _limitPpm;

    public FreshAirController(Co2SensorPort sensor, Action<bool> setFan, int limitPpm)
    {
        _sensor = sensor;
        _setFan = setFan;
        _limitPpm = limitPpm;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (_sensor.ReadPpm() is int ppm)
            {
                _setFan(ppm > _limitPpm);
            }
        }
    }
}

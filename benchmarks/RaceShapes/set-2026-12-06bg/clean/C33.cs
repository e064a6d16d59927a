using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Blind59.Gliding.GroundStation;

public sealed record TrafficReport(string Sentence, int RelativeNorthMetres, int RelativeEastMetres, int RelativeVerticalMetres, string Id);

/// <summary>
/// Reads NMEA sentences from the FLARM receiver on the launch point's ground station
/// (a USB serial adapter exposed as a stream) and publishes traffic reports for the
/// launch marshal's display.
/// </summary>
public sealed class FlarmReceiver : IDisposable
{
    private readonly Stream _port;
    private readonly Channel<TrafficReport> _reports = Channel.CreateBounded<TrafficReport>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private readonly StringBuilder _line = new(96);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private long _badChecksums;

    public FlarmReceiver(Stream port)
    {
        _port = port;
        _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token));
    }

    public ChannelReader<TrafficReport> Reports => _reports.Reader;

    public long BadChecksums => Interlocked.Read(ref _badChecksums);

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                int n = await _port.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    Accept((char)buffer[i]);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
        finally
        {
            _reports.Writer.TryComplete();
        }
    }

    private void Accept(char c)
    {
        if (c == '$')
        {
            _line.Clear();
        }

        if (c == '\n')
        {
            var sentence = _line.ToString().TrimEnd('\r');
            _line.Clear();
            if (sentence.StartsWith("$PFLAA", StringComparison.Ordinal))
            {
                if (TryParse(sentence, out var report))
                {
                    _reports.Writer.TryWrite(report);
                }
                else
                {
                    Interlocked.Increment(ref _badChecksums);
                }
            }
            return;
        }

        _line.Append(c);
    }

    private static bool TryParse(string sentence, out TrafficReport report)
    {
        report = null!;
        int star = sentence.IndexOf('*');
        if (star < 0 || star + 3 > sentence.Length)
        {
            return false;
        }

        byte checksum = 0;
        for (int i = 1; i < star; i++)
        {
            checksum ^= (byte)sentence[i];
        }
        if (!byte.TryParse(sentence.AsSpan(star + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var expected)
            || expected != checksum)
        {
            return false;
        }

        // $PFLAA,<AlarmLevel>,<RelativeNorth>,<RelativeEast>,<RelativeVertical>,<IDType>,<ID>,...
        var f = sentence[..star].Split(',');
        if (f.Length < 7
            || !int.TryParse(f[2], out var north) || !int.TryParse(f[3], out var east) || !int.TryParse(f[4], out var up))
        {
            return false;
        }

        report = new TrafficReport(sentence, north, east, up, f[6]);
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_readLoop.Wait(TimeSpan.FromSeconds(2)))
        {
            _stop.Dispose();
        }
    }
}

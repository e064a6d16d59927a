using System.IO;
using System.Text;

namespace Blind47.CaveDiving.Logbook;

public sealed record DiveEntry(string Diver, string Cave, double MaxDepthM, TimeSpan Runtime, string Gas);

/// <summary>
/// Appends dive entries to the club's logbook file. One writer is opened per
/// expedition and shared by the check-in kiosk, the dive-computer import job
/// and the surface marshal's app, all of which log concurrently.
/// </summary>
public sealed class DiveLogWriter : IDisposable
{
    private readonly object _gate = new();
    private StreamWriter? _writer;
    private int _entries;

    public DiveLogWriter(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, Encoding.UTF8) { AutoFlush = false };
    }

    public int Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries;
            }
        }
    }

    /// <summary>Writes one entry. Returns false once the expedition log has been closed.</summary>
    public bool Log(DiveEntry entry)
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                return false;
            }

            _writer.Write(entry.Diver);
            _writer.Write('\t');
            _writer.Write(entry.Cave);
            _writer.Write('\t');
            _writer.Write(entry.MaxDepthM.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
            _writer.Write('\t');
            _writer.Write(entry.Runtime.ToString(@"hh\:mm"));
            _writer.Write('\t');
            _writer.WriteLine(entry.Gas);
            _entries++;

            if (_entries % 10 == 0)
            {
                _writer.Flush();
            }

            return true;
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            _writer?.Flush();
        }
    }

    /// <summary>Closes the expedition log when the last team has surfaced.</summary>
    public void Dispose()
    {
        var writer = _writer;
        if (writer is null)
        {
            return;
        }

        _writer = null;
        writer.Flush();
        writer.Dispose();
    }
}

namespace Blind28.CarnivalFloats.Paintshop;

public sealed record PaintPanel(string FloatName, string PanelId, string Colour, double SquareMetres);

/// <summary>
/// The rack between the carpenters and the spray booth. Carpenters hang finished
/// panels; painters take them down. The rack only holds so many panels.
/// </summary>
public sealed class PanelRack
{
    private readonly object _monitor = new();
    private readonly Queue<PanelRack.Slot> _slots = new();
    private readonly int _capacity;
    private bool _closed;

    public PanelRack(int capacity)
    {
        _capacity = capacity;
    }

    public void Hang(PaintPanel panel)
    {
        lock (_monitor)
        {
            while (_slots.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The paintshop has closed for the night.");
            }

            _slots.Enqueue(new Slot(panel, DateTime.UtcNow));
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(TimeSpan wait, out PaintPanel? panel)
    {
        var deadline = DateTime.UtcNow + wait;
        lock (_monitor)
        {
            while (_slots.Count == 0 && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                {
                    panel = null;
                    return false;
                }
            }

            if (_slots.Count == 0)
            {
                panel = null;
                return false;
            }

            panel = _slots.Dequeue().Panel;
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }

    private readonly record struct Slot(PaintPanel Panel, DateTime HungAt);
}

public sealed class SprayBooth
{
    public Thread StartPainter(PanelRack rack, Action<PaintPanel> spray)
    {
        var thread = new Thread(() =>
        {
            while (rack.TryTake(TimeSpan.FromMinutes(10), out var panel))
            {
                spray(panel!);
            }
        })
        { IsBackground = true, Name = "spray-booth" };
        thread.Start();
        return thread;
    }
}

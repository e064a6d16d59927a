using System.Text;

namespace Kitchen.Expo;

public sealed record Ticket(int Id, string Table, string Station, DateTime FiredAt);

/// <summary>
/// Board of open tickets shown on the expo screen. Line cooks add and bump tickets from
/// their station tablets; the screen is redrawn every second.
/// </summary>
public sealed class ExpoBoard : IDisposable
{
    private readonly object _sync = new();
    private readonly List<Ticket> _open = new();
    private readonly Action<string> _render;
    private readonly Timer _refresh;

    public ExpoBoard(Action<string> render)
    {
        _render = render;
        _refresh = new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Fire(Ticket ticket)
    {
        lock (_sync)
        {
            _open.Add(ticket);
        }
    }

    public void Bump(int ticketId)
    {
        lock (_sync)
        {
            _open.RemoveAll(t => t.Id == ticketId);
        }
    }

    public int OpenCount
    {
        get
        {
            lock (_sync)
            {
                return _open.Count;
            }
        }
    }

    private void Redraw()
    {
        var now = DateTime.UtcNow;
        var sb = new StringBuilder();
        foreach (var ticket in _open)
        {
            var waited = now - ticket.FiredAt;
            sb.Append(ticket.Table).Append(" [").Append(ticket.Station).Append("] ")
              .Append((int)waited.TotalMinutes).AppendLine("m");
        }

        _render(sb.ToString());
    }

    public void Dispose() => _refresh.Dispose();
}

using System.Text;

namespace Blind26.PrintingPress.Tickets;

public sealed record JobTicket(string JobNumber, string Customer, string Stock, int Quantity, int Colours);

/// <summary>
/// Per-thread cached <see cref="StringBuilder"/> used by the ticket formatters to avoid
/// allocating a builder for every ticket line.
/// </summary>
internal static class TicketBuilderCache
{
    private const int MaxBuilderSize = 360;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire(int capacity = 64)
    {
        if (capacity <= MaxBuilderSize)
        {
            StringBuilder? sb = t_cached;
            if (sb != null && capacity <= sb.Capacity)
            {
                t_cached = null;
                sb.Clear();
                return sb;
            }
        }

        return new StringBuilder(capacity);
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        string result = sb.ToString();
        if (sb.Capacity <= MaxBuilderSize)
        {
            t_cached = sb;
        }

        return result;
    }
}

/// <summary>
/// Formats job tickets for the press room. Instances are created per request; the
/// nightly batch also formats tickets from a parallel loop.
/// </summary>
public sealed class JobTicketFormatter
{
    private readonly string _pressName;

    public JobTicketFormatter(string pressName) => _pressName = pressName;

    public string Format(JobTicket ticket)
    {
        var sb = TicketBuilderCache.Acquire();
        sb.Append(_pressName).Append(" #").Append(ticket.JobNumber);
        sb.Append(" — ").Append(ticket.Customer);
        sb.Append(" — ").Append(ticket.Quantity).Append(" × ").Append(ticket.Stock);
        sb.Append(" — ").Append(ticket.Colours).Append(" colour(s)");
        return TicketBuilderCache.GetStringAndRelease(sb);
    }

    public string[] FormatBatch(IReadOnlyList<JobTicket> tickets)
    {
        var lines = new string[tickets.Count];
        Parallel.For(0, tickets.Count, i => lines[i] = Format(tickets[i]));
        return lines;
    }
}

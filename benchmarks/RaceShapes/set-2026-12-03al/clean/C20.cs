using System.Collections.Concurrent;
using System.Text;

namespace Blind38.Letterpress.Composing;

public sealed record TypeForm(string Title, IReadOnlyList<string> Lines, string Face, int PointSize, int LeadingPoints);

/// <summary>
/// Small pool of reusable string builders, modelled on ObjectPool: a builder is handed to
/// one caller at a time and cleared when it comes back.
/// </summary>
public sealed class BuilderPool
{
    private readonly ConcurrentBag<StringBuilder> _items = new();
    private readonly int _maxRetained;
    private int _retained;

    public BuilderPool(int maxRetained = 16)
    {
        _maxRetained = maxRetained;
    }

    public StringBuilder Rent()
    {
        if (_items.TryTake(out var sb))
        {
            Interlocked.Decrement(ref _retained);
            return sb;
        }

        return new StringBuilder(512);
    }

    public void Return(StringBuilder sb)
    {
        if (sb.Capacity > 16 * 1024)
        {
            return;
        }

        sb.Clear();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _items.Add(sb);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

/// <summary>
/// Produces the compositor's make-up sheet for a forme. Registered as a singleton and
/// called concurrently by the job-ticket API and the proof renderer.
/// </summary>
public sealed class MakeUpSheetWriter
{
    private readonly BuilderPool _pool;

    public MakeUpSheetWriter(BuilderPool pool)
    {
        _pool = pool;
    }

    public string Write(TypeForm form)
    {
        var sb = _pool.Rent();
        try
        {
            sb.Append("FORME: ").AppendLine(form.Title);
            sb.Append("FACE: ").Append(form.Face).Append(' ').Append(form.PointSize).Append("pt on ")
              .Append(form.PointSize + form.LeadingPoints).AppendLine("pt");

            var sortsNeeded = new Dictionary<char, int>();
            foreach (var line in form.Lines)
            {
                sb.Append("  | ").AppendLine(line);
                foreach (var ch in line)
                {
                    if (!char.IsWhiteSpace(ch))
                    {
                        sortsNeeded[ch] = sortsNeeded.GetValueOrDefault(ch) + 1;
                    }
                }
            }

            sb.AppendLine("SORTS:");
            foreach (var (ch, count) in sortsNeeded.OrderByDescending(p => p.Value))
            {
                sb.Append("  ").Append(ch).Append(" x").Append(count).AppendLine();
            }

            return sb.ToString();
        }
        finally
        {
            _pool.Return(sb);
        }
    }
}

using System.Collections.Concurrent;
using System.Text;

namespace Blind59.Letterpress.Composing;

/// <summary>
/// Scratch space for justifying one line of metal type: the sorts chosen and the spaces
/// (thins, hairs, ens) added between words. Reused between lines to avoid garbage.
/// </summary>
public sealed class JustificationWorkspace
{
    public readonly List<string> Words = new(32);
    public readonly List<int> SpaceUnits = new(32);
    public readonly StringBuilder Preview = new(256);

    public void Reset()
    {
        Words.Clear();
        SpaceUnits.Clear();
        Preview.Clear();
    }
}

/// <summary>
/// Pool of workspaces shared by all composing requests.
/// </summary>
public sealed class WorkspacePool
{
    private readonly ConcurrentBag<JustificationWorkspace> _items = new();
    private readonly int _maxRetained;
    private int _retained;

    public WorkspacePool(int maxRetained) => _maxRetained = maxRetained;

    public JustificationWorkspace Rent()
    {
        if (_items.TryTake(out var item))
        {
            Interlocked.Decrement(ref _retained);
            return item;
        }
        return new JustificationWorkspace();
    }

    public void Return(JustificationWorkspace item)
    {
        item.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _items.Add(item);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed record JustifiedLine(string Text, IReadOnlyList<int> SpaceUnits);

/// <summary>
/// Justifies lines for the composing stick preview in the shop's setting app.
/// </summary>
public sealed class LineJustifier
{
    private readonly WorkspacePool _pool;

    public LineJustifier(WorkspacePool pool) => _pool = pool;

    /// <summary>Width units are in points of a 12pt em; each word's width is looked up from the fount.</summary>
    public JustifiedLine Justify(string text, int measureUnits, Func<string, int> wordWidth)
    {
        var ws = _pool.Rent();
        try
        {
            ws.Words.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (ws.Words.Count < 2)
            {
                return new JustifiedLine(text, Array.Empty<int>());
            }

            int wordsWidth = ws.Words.Sum(wordWidth);
            int gaps = ws.Words.Count - 1;
            int spare = Math.Max(0, measureUnits - wordsWidth);
            for (int i = 0; i < gaps; i++)
            {
                ws.SpaceUnits.Add(spare / gaps + (i < spare % gaps ? 1 : 0));
            }

            for (int i = 0; i < ws.Words.Count; i++)
            {
                ws.Preview.Append(ws.Words[i]);
                if (i < gaps)
                {
                    ws.Preview.Append(' ', Math.Max(1, ws.SpaceUnits[i] / 3));
                }
            }

            return new JustifiedLine(ws.Preview.ToString(), ws.SpaceUnits.ToArray());
        }
        finally
        {
            _pool.Return(ws);
        }
    }

    public IReadOnlyList<JustifiedLine> JustifyParagraph(IReadOnlyList<string> lines, int measure, Func<string, int> wordWidth) =>
        lines.AsParallel().AsOrdered().Select(l => Justify(l, measure, wordWidth)).ToList();
}

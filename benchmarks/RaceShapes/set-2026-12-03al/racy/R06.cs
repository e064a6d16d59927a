namespace Blind38.Tapestry.Rendering;

public sealed record CartoonPanel(int Index, int WidthThreads, int HeightPicks, byte[] Palette);

/// <summary>
/// Renders cartoon panels to loom cards on a small pool of worker threads. Panels are
/// queued by the design studio UI and picked up by whichever worker is idle.
/// </summary>
public sealed class LoomCardRenderQueue : IDisposable
{
    private readonly Queue<CartoonPanel> _queue = new();
    private readonly object _sync = new();
    private readonly Thread[] _workers;
    private readonly Action<CartoonPanel, int[]> _emitCard;
    private bool _shuttingDown;
    private int _renderedPanels;

    public LoomCardRenderQueue(int workerCount, Action<CartoonPanel, int[]> emitCard)
    {
        _emitCard = emitCard;
        _workers = new Thread[workerCount];
        for (var i = 0; i < workerCount; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"loom-render-{i}" };
            _workers[i].Start();
        }
    }

    public void Enqueue(CartoonPanel panel)
    {
        lock (_sync)
        {
            _queue.Enqueue(panel);
            Monitor.Pulse(_sync);
        }
    }

    public int RenderedPanels
    {
        get { lock (_sync) return _renderedPanels; }
    }

    private void WorkerLoop()
    {
        while (true)
        {
            CartoonPanel panel;
            lock (_sync)
            {
                while (_queue.Count == 0 && !_shuttingDown)
                {
                    Monitor.Wait(_sync);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                panel = _queue.Dequeue();
            }

            var card = RenderCard(panel);
            _emitCard(panel, card);
            _renderedPanels++;
        }
    }

    private static int[] RenderCard(CartoonPanel panel)
    {
        // One int per pick: bit i set means warp thread i is lifted for that pick.
        var card = new int[panel.HeightPicks];
        for (var pick = 0; pick < panel.HeightPicks; pick++)
        {
            var row = 0;
            for (var t = 0; t < Math.Min(panel.WidthThreads, 32); t++)
            {
                var colour = panel.Palette[(pick * panel.WidthThreads + t) % panel.Palette.Length];
                if ((colour & 1) == (pick & 1))
                {
                    row |= 1 << t;
                }
            }

            card[pick] = row;
        }

        return card;
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _shuttingDown = true;
            Monitor.PulseAll(_sync);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }
}

namespace Blind53.PuppetTheatre.Cues;

public abstract record CueMessage;

public sealed record RaiseCurtain(int Scene) : CueMessage;

public sealed record MoveMarionette(string Puppet, float X, float Y) : CueMessage;

public sealed record DimLights(int Percent) : CueMessage;

/// <summary>
/// Serialises cue messages for one stage rig. The stage manager's console, the
/// sound desk and the automation script all post cues from their own threads;
/// the cues are handled one at a time on the thread pool.
/// </summary>
public sealed class CueMailbox
{
    private readonly Queue<CueMessage> _queue = new();
    private readonly Action<CueMessage> _handler;
    private bool _draining;

    public CueMailbox(Action<CueMessage> handler)
    {
        _handler = handler;
    }

    public event Action<Exception>? HandlerFailed;

    public void Post(CueMessage message)
    {
        lock (_queue)
        {
            _queue.Enqueue(message);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ => Drain(), null);
    }

    public int Backlog
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    private void Drain()
    {
        while (true)
        {
            CueMessage next;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    break;
                }

                next = _queue.Dequeue();
            }

            try
            {
                _handler(next);
            }
            catch (Exception ex)
            {
                HandlerFailed?.Invoke(ex);
            }
        }

        _draining = false;
    }
}

/// <summary>
/// Drives the rig motors from cue messages.
/// </summary>
public sealed class StageRig
{
    private readonly CueMailbox _mailbox;
    private int _scene;

    public StageRig()
    {
        _mailbox = new CueMailbox(Apply);
    }

    public void Post(CueMessage cue) => _mailbox.Post(cue);

    private void Apply(CueMessage cue)
    {
        switch (cue)
        {
            case RaiseCurtain raise:
                _scene = raise.Scene;
                break;
            case MoveMarionette move:
                Console.WriteLine($"scene {_scene}: {move.Puppet} -> ({move.X}, {move.Y})");
                break;
            case DimLights dim:
                Console.WriteLine($"scene {_scene}: lights {dim.Percent}%");
                break;
        }
    }
}

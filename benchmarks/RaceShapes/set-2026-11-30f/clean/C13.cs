namespace Collab.Presence;

/// <summary>
/// Keeps track of which document each live connection is viewing so that
/// edits can be broadcast to the other viewers. Connect and disconnect
/// notifications arrive concurrently from the socket transport.
/// </summary>
public sealed class DocumentPresenceTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _viewersByDocument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _documentByConnection = new(StringComparer.Ordinal);

    public void Join(string connectionId, string documentId)
    {
        lock (_sync)
        {
            if (_documentByConnection.TryGetValue(connectionId, out var previous))
            {
                RemoveViewerLocked(previous, connectionId);
            }

            if (!_viewersByDocument.TryGetValue(documentId, out var viewers))
            {
                viewers = new HashSet<string>(StringComparer.Ordinal);
                _viewersByDocument.Add(documentId, viewers);
            }

            viewers.Add(connectionId);
            _documentByConnection[connectionId] = documentId;
        }
    }

    public void Leave(string connectionId)
    {
        lock (_sync)
        {
            if (_documentByConnection.Remove(connectionId, out var documentId))
            {
                RemoveViewerLocked(documentId, connectionId);
            }
        }
    }

    public string[] GetViewers(string documentId, string? except = null)
    {
        lock (_sync)
        {
            if (!_viewersByDocument.TryGetValue(documentId, out var viewers))
            {
                return Array.Empty<string>();
            }

            return viewers.Where(v => v != except).ToArray();
        }
    }

    public int ActiveDocuments
    {
        get
        {
            lock (_sync)
            {
                return _viewersByDocument.Count;
            }
        }
    }

    private void RemoveViewerLocked(string documentId, string connectionId)
    {
        if (_viewersByDocument.TryGetValue(documentId, out var viewers))
        {
            viewers.Remove(connectionId);
            if (viewers.Count == 0)
            {
                _viewersByDocument.Remove(documentId);
            }
        }
    }
}

public sealed class EditBroadcaster
{
    private readonly DocumentPresenceTracker _presence;
    private readonly Func<string, string, Task> _send;

    public EditBroadcaster(DocumentPresenceTracker presence, Func<string, string, Task> send)
    {
        _presence = presence;
        _send = send;
    }

    public Task BroadcastAsync(string fromConnection, string documentId, string patch)
    {
        var targets = _presence.GetViewers(documentId, except: fromConnection);
        return Task.WhenAll(targets.Select(target => _send(target, patch)));
    }
}

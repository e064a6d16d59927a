using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mirrorbox.Sync
{
    public sealed class FileChangedEventArgs : EventArgs
    {
        public FileChangedEventArgs(string relativePath) => RelativePath = relativePath;

        public string RelativePath { get; }
    }

    /// <summary>Watches a folder tree. <see cref="Changed"/> is raised on the watcher's own background thread.</summary>
    public interface IChangeSource : IDisposable
    {
        event EventHandler<FileChangedEventArgs>? Changed;

        void Start();
    }

    public interface IRemoteStore
    {
        Task UploadAsync(string relativePath, string localPath, CancellationToken ct);
    }

    /// <summary>Collects local changes and uploads them in batches every few seconds.</summary>
    public sealed class SyncCoordinator : IAsyncDisposable
    {
        private static readonly string[] IgnoredSuffixes = { ".tmp", ".swp", "~", ".partial" };

        private readonly IChangeSource _source;
        private readonly IRemoteStore _remote;
        private readonly string _root;
        private readonly HashSet<string> _dirty = new(StringComparer.OrdinalIgnoreCase);
        private readonly CancellationTokenSource _stopping = new();
        private Task _loop = Task.CompletedTask;

        public SyncCoordinator(IChangeSource source, IRemoteStore remote, string root)
        {
            _source = source;
            _remote = remote;
            _root = root;
        }

        public void Start()
        {
            _source.Changed += OnChanged;
            _source.Start();
            _loop = UploadLoopAsync(_stopping.Token);
        }

        private void OnChanged(object? sender, FileChangedEventArgs e)
        {
            foreach (var suffix in IgnoredSuffixes)
            {
                if (e.RelativePath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    return;
            }
            _dirty.Add(e.RelativePath);
        }

        private async Task UploadLoopAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            try
            {
                while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    var batch = new List<string>(_dirty);
                    _dirty.Clear();

                    foreach (var relative in batch)
                    {
                        string local = Path.Combine(_root, relative);
                        if (File.Exists(local))
                            await _remote.UploadAsync(relative, local, ct).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _source.Changed -= OnChanged;
            _stopping.Cancel();
            await _loop.ConfigureAwait(false);
            _source.Dispose();
            _stopping.Dispose();
        }
    }
}

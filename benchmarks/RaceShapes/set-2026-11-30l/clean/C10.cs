using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mirrorbox.Mirror
{
    public sealed class PathChangedEventArgs : EventArgs
    {
        public PathChangedEventArgs(string relativePath) => RelativePath = relativePath;

        public string RelativePath { get; }
    }

    /// <summary>Folder watcher; <see cref="PathChanged"/> fires on the watcher's worker thread.</summary>
    public interface IFolderWatcher : IDisposable
    {
        event EventHandler<PathChangedEventArgs>? PathChanged;

        void Start();
    }

    public interface IMirrorTarget
    {
        Task CopyAsync(string sourcePath, string relativePath, CancellationToken ct);
    }

    /// <summary>Mirrors changed files to a second drive, coalescing bursts of changes.</summary>
    public sealed class FolderMirror : IAsyncDisposable
    {
        private readonly IFolderWatcher _watcher;
        private readonly IMirrorTarget _target;
        private readonly string _root;
        private readonly ConcurrentQueue<string> _changes = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _pump = Task.CompletedTask;

        public FolderMirror(IFolderWatcher watcher, IMirrorTarget target, string root)
        {
            _watcher = watcher;
            _target = target;
            _root = root;
        }

        public void Start()
        {
            _watcher.PathChanged += OnPathChanged;
            _watcher.Start();
            _pump = PumpAsync(_stop.Token);
        }

        private void OnPathChanged(object? sender, PathChangedEventArgs e)
        {
            if (e.RelativePath.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)) return;
            _changes.Enqueue(e.RelativePath);
        }

        private async Task PumpAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
            var batch = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    batch.Clear();
                    while (_changes.TryDequeue(out var path))
                        batch.Add(path);

                    foreach (var relative in batch)
                    {
                        string source = Path.Combine(_root, relative);
                        if (File.Exists(source))
                            await _target.CopyAsync(source, relative, ct).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _watcher.PathChanged -= OnPathChanged;
            _stop.Cancel();
            await _pump.ConfigureAwait(false);
            _watcher.Dispose();
            _stop.Dispose();
        }
    }
}

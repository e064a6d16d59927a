using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Timers;

namespace Inkwell.Mail.ViewModels
{
    public sealed record MessageSummary(string Id, string From, string Subject, DateTimeOffset Received, bool Unread);

    public sealed record InboxSnapshot(IReadOnlyList<MessageSummary> Messages, int UnreadCount, DateTimeOffset RefreshedAt);

    public interface IMailboxClient
    {
        Task<IReadOnlyList<MessageSummary>> FetchHeadersAsync(string folder, CancellationToken ct);
    }

    /// <summary>
    /// Inbox view-model. Refreshes in the background every minute and when the user
    /// presses F5; the view binds to <see cref="Snapshot"/> and <see cref="IsRefreshing"/>.
    /// </summary>
    public sealed class InboxViewModel : INotifyPropertyChanged, IDisposable
    {
        private readonly IMailboxClient _client;
        private readonly SynchronizationContext? _ui;
        private readonly System.Timers.Timer _refreshTimer;
        private InboxSnapshot _snapshot = new(Array.Empty<MessageSummary>(), 0, DateTimeOffset.MinValue);
        private int _refreshing;

        public InboxViewModel(IMailboxClient client)
        {
            _client = client;
            _ui = SynchronizationContext.Current;
            _refreshTimer = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = true };
            _refreshTimer.Elapsed += OnRefreshTimerElapsed;
            _refreshTimer.Start();
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public InboxSnapshot Snapshot => Volatile.Read(ref _snapshot);

        public bool IsRefreshing => Volatile.Read(ref _refreshing) != 0;

        private async void OnRefreshTimerElapsed(object? sender, ElapsedEventArgs e)
        {
            try
            {
                await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Trace.TraceWarning("Background inbox refresh failed: {0}", ex.Message);
            }
        }

        public async Task<bool> RefreshAsync(CancellationToken ct)
        {
            if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
                return false;

            try
            {
                RaisePropertyChanged(nameof(IsRefreshing));
                var headers = await _client.FetchHeadersAsync("INBOX", ct).ConfigureAwait(false);
                var ordered = headers.OrderByDescending(m => m.Received).ToArray();
                var snapshot = new InboxSnapshot(ordered, ordered.Count(m => m.Unread), DateTimeOffset.Now);
                Volatile.Write(ref _snapshot, snapshot);
                RaisePropertyChanged(nameof(Snapshot));
                return true;
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
                RaisePropertyChanged(nameof(IsRefreshing));
            }
        }

        private void RaisePropertyChanged(string propertyName)
        {
            var handler = Volatile.Read(ref PropertyChanged);
            if (handler is null) return;

            var args = new PropertyChangedEventArgs(propertyName);
            if (_ui is null)
                handler(this, args);
            else
                _ui.Post(_ => handler(this, args), null);
        }

        public void Dispose()
        {
            _refreshTimer.Elapsed -= OnRefreshTimerElapsed;
            _refreshTimer.Dispose();
        }
    }
}

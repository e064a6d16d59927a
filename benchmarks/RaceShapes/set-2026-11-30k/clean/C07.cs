using System.IO;
using System.Text;
using System.Threading;

namespace Editor.Autosave
{
    /// <summary>
    /// Text buffer of an open document with periodic autosave to a recovery
    /// file. Edits come from the UI thread; saving happens on a timer.
    /// </summary>
    public sealed class AutosavingDocument : IDisposable
    {
        private readonly object _textLock = new();
        private readonly StringBuilder _text = new();
        private readonly string _recoveryPath;
        private readonly Timer _timer;
        private int _version;
        private int _savedVersion;
        private int _saving;

        public AutosavingDocument(string recoveryPath, TimeSpan interval)
        {
            _recoveryPath = recoveryPath;
            _timer = new Timer(OnTimer, null, interval, interval);
        }

        public bool HasUnsavedChanges
        {
            get { lock (_textLock) return _version != _savedVersion; }
        }

        public void Insert(int position, string value)
        {
            lock (_textLock)
            {
                _text.Insert(Math.Clamp(position, 0, _text.Length), value);
                _version++;
            }
        }

        public void Delete(int position, int length)
        {
            lock (_textLock)
            {
                int start = Math.Clamp(position, 0, _text.Length);
                _text.Remove(start, Math.Min(length, _text.Length - start));
                _version++;
            }
        }

        public string GetText()
        {
            lock (_textLock)
                return _text.ToString();
        }

        private void OnTimer(object? state)
        {
            if (Interlocked.CompareExchange(ref _saving, 1, 0) != 0)
                return;

            try
            {
                string content;
                int version;
                lock (_textLock)
                {
                    if (_version == _savedVersion)
                        return;
                    content = _text.ToString();
                    version = _version;
                }

                var tempPath = _recoveryPath + ".tmp";
                File.WriteAllText(tempPath, content, Encoding.UTF8);
                File.Move(tempPath, _recoveryPath, overwrite: true);

                lock (_textLock)
                {
                    if (version > _savedVersion)
                        _savedVersion = version;
                }
            }
            catch (IOException)
            {
                // Try again on the next tick.
            }
            finally
            {
                Volatile.Write(ref _saving, 0);
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
        }
    }
}

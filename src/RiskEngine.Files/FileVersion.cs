namespace RiskEngine.Files;

/// <summary>
/// What tells one version of a file from the next without reading it: its modification time and length. A symbolic
/// link is followed to its final target (a Kubernetes ConfigMap or Secret update swaps a link to a new directory and
/// leaves the link the application opens unchanged); a link to nothing is no version, where <see cref="FileInfo"/>
/// alone would report the link itself as an existing file.
/// </summary>
public readonly record struct FileVersion(DateTime LastWriteUtc, long Length)
{
    /// <summary>
    /// How long after its last modification a version may still be being written. A file rewritten in place is written
    /// in more than one step, and its modification time only moves with the kernel's clock tick, so a read between two
    /// writes of one tick shows the same version as the finished file.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    /// <summary>The version of the file at <paramref name="path"/>, or null when there is none (or it is being replaced).</summary>
    public static FileVersion? Of(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                file = target;
            }

            return file.Exists ? new FileVersion(file.LastWriteTimeUtc, file.Length) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether, at <paramref name="nowUtc"/>, this version is old enough that nobody is still writing it. A modification
    /// time ahead of the clock (a file copied from a machine whose clock is ahead) says nothing of a writer and counts as
    /// settled, so that such a file is not read again at every look until the clock catches up.
    /// </summary>
    public bool IsSettledAt(DateTime nowUtc)
    {
        var age = nowUtc - LastWriteUtc;
        return age >= SettleTime || age < TimeSpan.Zero;
    }
}

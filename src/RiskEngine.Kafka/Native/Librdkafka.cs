using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace RiskEngine.Kafka.Native;

/// <summary>
/// The one place the native Kafka client is loaded. Confluent.Kafka's own native package is not available
/// here, so it runs over the operating system's librdkafka (Debian's <c>librdkafka1</c>), which also carries
/// the mock cluster the embedded default uses.
/// </summary>
public static class Librdkafka
{
    /// <summary>Set to the full path of librdkafka.so.1 to use a build other than the system's.</summary>
    public const string PathEnvironmentVariable = "RISKENGINE_LIBRDKAFKA";

    internal const string LibraryName = "librdkafka";

    private static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/librdkafka.so.1",
        "/usr/lib/aarch64-linux-gnu/librdkafka.so.1",
        "/usr/lib64/librdkafka.so.1",
        "/usr/local/lib/librdkafka.so.1",
        "/opt/homebrew/lib/librdkafka.1.dylib",
    ];

    private static readonly Lock Gate = new();
    private static string? _loadedPath;

    /// <summary>The path librdkafka was loaded from; loads it on first use.</summary>
    public static string EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loadedPath is not null)
            {
                return _loadedPath;
            }

            var path = Locate();
            // Confluent.Kafka 1.9 dlopens through [DllImport("libdl")], and Debian 12 ships only libdl.so.2;
            // both it and our own mock-cluster imports must bind to this one copy of librdkafka.
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(Librdkafka).Assembly, Resolve);
            Library.Load(path);
            _loadedPath = path;
            return path;
        }
    }

    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Library.VersionString;
        }
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new LibrdkafkaNotFoundException(
                    $"{PathEnvironmentVariable} is set to '{configured}', but no such file exists.");
        }

        return Candidates.FirstOrDefault(File.Exists) ?? throw new LibrdkafkaNotFoundException(
            "librdkafka, the native Kafka client RiskEngine runs on, is not installed. " +
            "On Debian or Ubuntu install the OS package librdkafka1 (sudo apt-get install -y librdkafka1); " +
            $"elsewhere install librdkafka 2.0 or later and set {PathEnvironmentVariable} to the path of librdkafka.so.1. " +
            $"Looked in: {string.Join(", ", Candidates)}.");
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        "libdl" => NativeLibrary.Load("libdl.so.2"),
        _ when libraryName.StartsWith(LibraryName, StringComparison.Ordinal) => NativeLibrary.Load(_loadedPath ?? Locate()),
        _ => IntPtr.Zero,
    };
}

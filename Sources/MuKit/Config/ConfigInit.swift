import Foundation

/// `mu config init`: writes the documented example as `<repo>/.murc.toml`, never over an existing file.
public enum ConfigInit {
    /// Writes `ConfigExample.text` to `<repositoryRoot>/.murc.toml` and returns the file's URL.
    /// Throws `.fileExists` when anything (a file, a directory, even a dangling symlink) is already there.
    @discardableResult
    public static func write(intoRepository repositoryRoot: URL) throws(ConfigError) -> URL {
        let destination = repositoryRoot.appendingPathComponent(ConfigLoader.repositoryFileName)
        let path = destination.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: repositoryRoot.path, isDirectory: &isDirectory),
              isDirectory.boolValue
        else { throw .notADirectory(path: repositoryRoot.path) }
        // fileExists follows symlinks; attributesOfItem does not, so a dangling symlink counts as present.
        if (try? FileManager.default.attributesOfItem(atPath: path)) != nil {
            throw .fileExists(path: path)
        }
        do {
            // .withoutOverwriting creates the file exclusively (O_EXCL), so a file appearing in between is
            // not overwritten either.
            try Data(ConfigExample.text.utf8).write(to: destination, options: .withoutOverwriting)
        } catch {
            if (error as NSError).domain == NSCocoaErrorDomain,
               (error as NSError).code == CocoaError.fileWriteFileExists.rawValue {
                throw .fileExists(path: path)
            }
            throw .writeFailed(path: path, reason: (error as NSError).localizedDescription)
        }
        return destination
    }
}

//! A TCP proxy on 127.0.0.1 that can be cut: every open connection is shut down and the port
//! stops listening (connections are refused), as when a server goes away. For outages of PostgreSQL or the Bot API
//! that the bot cannot tell from the real thing.

use std::{
    io,
    net::{Shutdown, SocketAddr, TcpListener, TcpStream},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread,
    time::Duration,
};

pub struct TcpProxy {
    pub addr: SocketAddr,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl TcpProxy {
    pub fn start(target: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (cut_flag, connections) = (cut.clone(), open.clone());
        thread::spawn(move || {
            let mut listener = Some(listener);
            loop {
                if cut_flag.load(Ordering::SeqCst) {
                    listener = None; // closed: connecting is refused
                    thread::sleep(Duration::from_millis(10));
                    continue;
                }
                let active = match listener.take() {
                    Some(active) => active,
                    None => match TcpListener::bind(addr) {
                        Ok(active) => active,
                        Err(_) => {
                            thread::sleep(Duration::from_millis(10));
                            continue;
                        }
                    },
                };
                active.set_nonblocking(true).unwrap();
                match active.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        if let Ok(server) = TcpStream::connect(target) {
                            let mut list = connections.lock().unwrap();
                            list.push(client.try_clone().unwrap());
                            list.push(server.try_clone().unwrap());
                            drop(list);
                            pump(client.try_clone().unwrap(), server.try_clone().unwrap());
                            pump(server, client);
                        }
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
                listener = Some(active);
            }
        });
        Self { addr, cut, open }
    }

    /// The outage begins: open connections are cut, new ones refused.
    pub fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    /// The outage ends.
    pub fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

fn pump(mut from: TcpStream, mut to: TcpStream) {
    thread::spawn(move || {
        let _: io::Result<u64> = io::copy(&mut from, &mut to);
        let _ = to.shutdown(Shutdown::Both);
    });
}

throw "msg";
throw make_error();
